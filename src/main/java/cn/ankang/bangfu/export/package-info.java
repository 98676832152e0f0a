/**
 * Downloads of figures, saved views and long lists as CSV (UTF-8 with a byte-order mark,
 * so that Excel reads Chinese) and as .xlsx, written as a stream.
 */
@NullMarked
package cn.ankang.bangfu.export;

import org.jspecify.annotations.NullMarked;
