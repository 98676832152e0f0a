/**
 * The demo data set: a deterministic, synthetic Ankang whose counts match the 2023 annual
 * report.
 */
@NullMarked
package cn.ankang.bangfu.demo;

import org.jspecify.annotations.NullMarked;
