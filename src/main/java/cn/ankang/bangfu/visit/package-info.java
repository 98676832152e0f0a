/**
 * Visits resident cadres make to households, village meetings and projects, with what
 * they found.
 */
@NullMarked
package cn.ankang.bangfu.visit;

import org.jspecify.annotations.NullMarked;
