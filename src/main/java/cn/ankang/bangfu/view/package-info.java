/**
 * Leaders' saved views: named GraphQL queries, shared with roles, levels and users, run
 * always within the runner's own jurisdiction.
 */
@NullMarked
package cn.ankang.bangfu.view;

import org.jspecify.annotations.NullMarked;
