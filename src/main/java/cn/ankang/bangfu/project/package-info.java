/**
 * Assistance projects, the pipeline, and the money each fund source puts into them.
 */
@NullMarked
package cn.ankang.bangfu.project;

import org.jspecify.annotations.NullMarked;
