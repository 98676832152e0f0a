/**
 * Leaders' figures: counts, sums and rates over the records, each answered by one SQL
 * statement within the asker's jurisdiction, grouped by the dimensions that fit it.
 */
@NullMarked
package cn.ankang.bangfu.figure;

import org.jspecify.annotations.NullMarked;
