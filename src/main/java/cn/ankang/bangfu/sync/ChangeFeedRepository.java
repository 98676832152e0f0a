package cn.ankang.bangfu.sync;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the change feed. Every row a phone holds carries the position of its last
 * change (migration V8 explains why the position starts with the transaction id); the
 * feed reads the rows of the phone's villages past the cursor, and every row of villages
 * that joined, in position order, never past the oldest transaction still running.
 */
@Repository
class ChangeFeedRepository {

	/**
	 * Whether a row of the village is past where the phone stands: every row of a village
	 * that joined now; past the joining position in villages still being downloaded; past
	 * the position everywhere else.
	 */
	private static String past(String village, String row, String whenJoined) {
		return """
				(case when %1$s = any({joined}) then %3$s
				      when %1$s = any({joining}) then (%2$s.sync_xid, %2$s.sync_seq) > (cast(:joiningXid as xid8), :joiningSeq)
				      else (%2$s.sync_xid, %2$s.sync_seq) > (cast(:xid as xid8), :seq) end)"""
			.formatted(village, row, whenJoined);
	}

	private static final String CHANGES = """
			select c.item_type, c.item_key, c.village_id, c.gone, c.sync_xid::text as xid, c.sync_seq
			from (
			  select 'VILLAGE' as item_type, v.id::text as item_key, v.id as village_id, false as gone, v.sync_xid, v.sync_seq
			  from village v
			  where v.id = any({villages}) and %s
			  union all
			  select 'HOUSEHOLD', h.id::text, h.village_id, false, h.sync_xid, h.sync_seq
			  from household h
			  where h.village_id = any({villages}) and %s
			  union all
			  select 'ASSISTANCE_MEASURE', m.id::text, h.village_id, false, m.sync_xid, m.sync_seq
			  from assistance_measure m join household h on h.id = m.household_id
			  where h.village_id = any({villages}) and %s
			  union all
			  -- a corrected version leaves the phone; the correction comes as its own row
			  select 'VISIT', vi.id::text, vi.village_id, vi.replaced_by is not null, vi.sync_xid, vi.sync_seq
			  from visit vi
			  where vi.cadre_id = :cadre and vi.village_id = any({villages}) and %s
			  union all
			  select 'MONITORING_CASE', c.id::text, c.village_id, false, c.sync_xid, c.sync_seq
			  from monitoring_case c
			  where c.village_id = any({villages}) and %s
			  union all
			  -- a task done or cancelled leaves the phone; a village that joins gets only the open ones
			  select 'TASK', tk.id::text, tk.village_id, tk.status <> 'OPEN', tk.sync_xid, tk.sync_seq
			  from task tk
			  where tk.assignee_role = 'CADRE' and tk.village_id = any({villages}) and %s
			  union all
			  -- what was deleted in a village before the phone's first page of it was never sent there
			  select t.item_type, t.item_key::text, t.village_id, true, t.sync_xid, t.sync_seq
			  from sync_tombstone t
			  where t.village_id = any({villages}) and %s
			    and (not t.village_id = any({joining}) or t.sync_xid >= cast(:joiningSince as xid8))
			) c
			where c.sync_xid < cast(:horizon as xid8)
			order by c.sync_xid, c.sync_seq
			limit :limit
			"""
		.formatted(past("v.id", "v", "true"), past("h.village_id", "h", "true"), past("h.village_id", "m", "true"),
				past("vi.village_id", "vi", "vi.replaced_by is null"), past("c.village_id", "c", "true"),
				past("tk.village_id", "tk", "tk.status = 'OPEN'"), past("t.village_id", "t", "false"));

	private static final RowMapper<Change> CHANGE = (rs, n) -> new Change(
			rs.getBoolean("gone") ? Change.Operation.DELETE : Change.Operation.UPSERT,
			Change.ItemType.valueOf(rs.getString("item_type")), rs.getString("item_key"), rs.getLong("village_id"),
			new ChangeCursor.Position(Long.parseLong(rs.getString("xid")), rs.getLong("sync_seq")));

	private final JdbcClient jdbc;

	ChangeFeedRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The villages of the cadre's postings in force on the day. */
	List<Long> postedVillages(long cadreKey, LocalDate day) {
		return this.jdbc.sql("""
				select distinct village_id from posting
				where cadre_id = :cadre and started_on <= :day and (ended_on is null or ended_on >= :day)
				order by village_id
				""").param("cadre", cadreKey).param("day", day).query(Long.class).list();
	}

	/**
	 * The oldest transaction still running: every change of an older one is committed or
	 * gone, so none can appear behind a cursor later.
	 */
	long horizon() {
		return Long.parseLong(
				this.jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text").query(String.class).single());
	}

	/**
	 * Up to {@code limit} changes of transactions older than the horizon: in the villages
	 * past the cursor's position, and everything in the villages that joined now.
	 */
	List<Change> changes(long cadreKey, Collection<Long> villages, Collection<Long> joined, ChangeCursor after,
			long horizon, int limit) {
		return this.jdbc
			.sql(CHANGES.replace("{villages}", array(villages))
				.replace("{joined}", array(joined))
				.replace("{joining}", array(after.joiningKeys())))
			.param("cadre", cadreKey)
			.param("xid", Long.toString(after.position().xid()))
			.param("seq", after.position().seq())
			.param("joiningXid", Long.toString(after.joiningPosition().xid()))
			.param("joiningSeq", after.joiningPosition().seq())
			.param("joiningSince", Long.toString(after.joinedFrom()))
			.param("horizon", Long.toString(horizon))
			.param("limit", limit)
			.query(CHANGE)
			.list();
	}

	/**
	 * An array literal of numbers: keys, never text from a request, so safe to inline.
	 */
	private static String array(Collection<Long> keys) {
		return keys.stream().map(String::valueOf).collect(Collectors.joining(",", "array[", "]::bigint[]"));
	}

}
