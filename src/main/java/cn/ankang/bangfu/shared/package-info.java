/**
 * What every feature shares: global ids, cursor paging, the error policy, scalars and
 * node lookup.
 */
@NullMarked
package cn.ankang.bangfu.shared;

import org.jspecify.annotations.NullMarked;
