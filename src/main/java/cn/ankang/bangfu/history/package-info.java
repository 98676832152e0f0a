/**
 * What every kept record shares: changes sent by clients counted once
 * ({@link cn.ankang.bangfu.history.ClientChanges}), and the history of each record, kept
 * by the database, read as {@code history} on the object it belongs to.
 */
@NullMarked
package cn.ankang.bangfu.history;

import org.jspecify.annotations.NullMarked;
