/**
 * Spreadsheet imports: a kind of records (households, units and pairings, …) read from
 * the XLSX or CSV files officers already keep, every row checked before anything is
 * stored, then exactly the checked file committed in one transaction. The feature
 * packages say what their kinds' columns mean
 * ({@link cn.ankang.bangfu.imports.ImportKind}); this package reads files safely, keeps
 * each import on record, reports progress and problems, and serves templates and the
 * problems workbook.
 */
@NullMarked
package cn.ankang.bangfu.imports;

import org.jspecify.annotations.NullMarked;
