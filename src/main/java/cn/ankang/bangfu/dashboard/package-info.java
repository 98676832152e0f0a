/**
 * The leaders' dashboard page, served from the jar with everything it loads.
 */
@NullMarked
package cn.ankang.bangfu.dashboard;

import org.jspecify.annotations.NullMarked;
