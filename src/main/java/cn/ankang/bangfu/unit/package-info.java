/**
 * Assistance units in designated assistance and their pairings with villages.
 */
@NullMarked
package cn.ankang.bangfu.unit;

import org.jspecify.annotations.NullMarked;
