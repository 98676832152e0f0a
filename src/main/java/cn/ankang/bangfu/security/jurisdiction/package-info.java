/**
 * Who may see and keep which row: a user's {@link Scope} (all, or cities, counties,
 * towns, the villages of a cadre's postings, a unit's cadres) made by
 * {@link Jurisdiction} from the user's role grants; the SQL predicates the service's
 * statements filter by; and the {@link ScopedTransactionManager}, which begins every
 * transaction of the service as {@code bangfu_app} with that scope in the settings that
 * the row-level security policies read ({@code db/migration/R__row_level_security.sql}).
 * Outside such a transaction the service's login may not touch a table.
 */
@NamedInterface("jurisdiction")
@NullMarked
package cn.ankang.bangfu.security.jurisdiction;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
