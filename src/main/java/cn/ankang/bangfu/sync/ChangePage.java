package cn.ankang.bangfu.sync;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A page of the change feed.
 *
 * @param changes the changes, in feed order
 * @param cursor where the phone stands once it has applied them
 * @param hasMore whether more changes wait now
 * @param asOf when the server read them
 */
record ChangePage(List<Change> changes, String cursor, boolean hasMore, OffsetDateTime asOf) {
}
