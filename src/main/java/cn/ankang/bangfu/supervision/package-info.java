/**
 * Supervision-and-help rounds (督帮) and the rectification of the problems they find
 * (问题整改), tracked to closure after review (整改销号).
 */
@NullMarked
package cn.ankang.bangfu.supervision;

import org.jspecify.annotations.NullMarked;
