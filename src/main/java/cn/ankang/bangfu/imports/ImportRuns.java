package cn.ankang.bangfu.imports;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The imports on record and what their checks found ({@code data_import},
 * {@code data_import_finding}); row-level security shows users their own.
 */
@Repository
class ImportRuns {

	private static final String COLUMNS = """
			id, kind, file_name, file_format, sha256, size_bytes, user_id, status, rows_read, problems, to_create,
			to_change, unchanged, created, changed, plan_digest, message_key, message_args, received_at, checked_at,
			committed_at, finished_at""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	ImportRuns(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * An import as it stands.
	 *
	 * @param toCreate what the check found the file would create (null before it ends)
	 * @param created what the commit created
	 * @param planDigest the check's differences, digested
	 * @param message why it failed or was refused as a whole, as a message key
	 */
	record Run(UUID id, String kind, String fileName, Spreadsheets.Format format, String sha256, long sizeBytes,
			long userKey, ImportStatus status, int rowsRead, int problems, @Nullable Integer toCreate,
			@Nullable Integer toChange, @Nullable Integer unchanged, @Nullable Integer created,
			@Nullable Integer changed, @Nullable String planDigest, @Nullable String message, List<String> messageArgs,
			OffsetDateTime receivedAt, @Nullable OffsetDateTime checkedAt, @Nullable OffsetDateTime committedAt,
			@Nullable OffsetDateTime finishedAt) {
	}

	void insert(UUID id, String kind, String fileName, Spreadsheets.Format format, String sha256, long size,
			long userKey) {
		this.jdbc.sql("""
				insert into data_import (id, kind, file_name, file_format, sha256, size_bytes, user_id, status)
				values (:id, :kind, :fileName, :format, :sha256, :size, :user, 'CHECKING')""")
			.param("id", id)
			.param("kind", kind)
			.param("fileName", fileName)
			.param("format", format.name())
			.param("sha256", sha256)
			.param("size", size)
			.param("user", userKey)
			.update();
	}

	Optional<Run> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from data_import where id = :id")
			.param("id", id)
			.query(ImportRuns::run)
			.optional();
	}

	/** The user's imports (an administrator's: everyone's), newest first. */
	List<Run> recent(int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from data_import order by received_at desc, id limit :limit")
			.param("limit", limit)
			.query(ImportRuns::run)
			.list();
	}

	/** Starts a new check or a commit of an import that is not running. */
	boolean start(UUID id, ImportStatus from, ImportStatus to) {
		return this.jdbc.sql("""
				update data_import set status = :to, rows_read = 0, message_key = null, message_args = '{}',
				       finished_at = null
				where id = :id and status = :from""")
			.param("id", id)
			.param("from", from.name())
			.param("to", to.name())
			.update() == 1;
	}

	/** A check's end: its counts, and CHECKED or REJECTED. */
	void checked(UUID id, ImportStatus status, int rows, int problems, int creates, int changes, int unchanged,
			String digest, @Nullable String message, List<String> args) {
		this.jdbc.sql("""
				update data_import set status = :status, rows_read = :rows, problems = :problems, to_create = :creates,
				       to_change = :changes, unchanged = :unchanged, plan_digest = :digest, message_key = :message,
				       message_args = cast(:args as text[]), checked_at = now(),
				       finished_at = case when :status = 'REJECTED' then now() end
				where id = :id""")
			.param("id", id)
			.param("status", status.name())
			.param("rows", rows)
			.param("problems", problems)
			.param("creates", creates)
			.param("changes", changes)
			.param("unchanged", unchanged)
			.param("digest", digest)
			.param("message", message)
			.param("args", args.toArray(String[]::new))
			.update();
	}

	void committed(UUID id, int rows, int created, int changed) {
		this.jdbc.sql("""
				update data_import set status = 'COMMITTED', rows_read = :rows, created = :created, changed = :changed,
				       committed_at = now(), finished_at = now()
				where id = :id""")
			.param("id", id)
			.param("rows", rows)
			.param("created", created)
			.param("changed", changed)
			.update();
	}

	/**
	 * An import that ends without changing anything: failed, refused at commit, or
	 * cancelled.
	 */
	void ended(UUID id, ImportStatus status, @Nullable String message, List<String> args) {
		this.jdbc.sql("""
				update data_import set status = :status, message_key = :message, message_args = cast(:args as text[]),
				       finished_at = now()
				where id = :id""")
			.param("id", id)
			.param("status", status.name())
			.param("message", message)
			.param("args", args.toArray(String[]::new))
			.update();
	}

	/**
	 * Takes the kind's transaction lock: two commits of one kind (two officers' files
	 * that overlap) run one after the other, and the second finds the first's records.
	 */
	void lockKind(String kind) {
		this.jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtext('bangfu.import.' || :kind))) locked")
			.param("kind", kind)
			.query(Integer.class)
			.single();
	}

	/** Names the import as the change id of every record this transaction changes. */
	void actAs(UUID id) {
		this.jdbc.sql("select set_config('bangfu.change_id', :id, true)")
			.param("id", id.toString())
			.query(String.class)
			.single();
	}

	/**
	 * Steers this transaction's plans to indexes. An import looks up and writes thousands
	 * of rows that the planner's statistics, taken before the import, may not know of (an
	 * empty city moving in, a commit's own new rows that the triggers keeping a
	 * household's counts join): planned as small tables, each of a hundred statements
	 * would scan them all, and the import would take quadratic time.
	 */
	void preferIndexes() {
		this.jdbc.sql("select set_config('enable_seqscan', 'off', true)").query(String.class).single();
	}

	/** Marks every import still running on record as failed, interrupted; how many. */
	int interrupted() {
		return this.jdbc.sql("""
				update data_import set status = 'FAILED', message_key = 'import.interrupted', message_args = '{}',
				       finished_at = now()
				where status in ('CHECKING', 'COMMITTING')""").update();
	}

	void replaceFindings(UUID id, List<Findings.Finding> findings) {
		this.jdbc.sql("delete from data_import_finding where import_id = :id").param("id", id).update();
		int[] seq = { 0 };
		for (int from = 0; from < findings.size(); from += 1000) {
			List<Findings.Finding> batch = findings.subList(from, Math.min(findings.size(), from + 1000));
			this.template.batchUpdate("""
					insert into data_import_finding (import_id, seq, kind, sheet, row_number, column_name, message_key,
					                                 message_args)
					values (?, ?, ?, ?, ?, ?, ?, ?)""", batch, batch.size(),
					(PreparedStatement statement, Findings.Finding finding) -> {
						statement.setObject(1, id);
						statement.setInt(2, seq[0]++);
						statement.setString(3, finding.kind().name());
						statement.setString(4, finding.sheet());
						statement.setObject(5, finding.row());
						statement.setString(6, finding.column());
						statement.setString(7, finding.message());
						statement.setArray(8,
								statement.getConnection().createArrayOf("text", finding.args().toArray()));
					});
		}
	}

	/** A page of an import's findings, in the order found, of the kinds asked. */
	List<Findings.Finding> findings(UUID id, List<Findings.Kind> kinds, int offset, int limit) {
		return this.jdbc.sql("""
				select kind, sheet, row_number, column_name, message_key, message_args from data_import_finding
				where import_id = :id and kind = any(:kinds) order by seq offset :offset limit :limit""")
			.param("id", id)
			.param("kinds", kinds.stream().map(Enum::name).toArray(String[]::new))
			.param("offset", offset)
			.param("limit", limit)
			.query((rs, n) -> new Findings.Finding(Findings.Kind.valueOf(rs.getString("kind")), rs.getString("sheet"),
					(Integer) rs.getObject("row_number"), rs.getString("column_name"), rs.getString("message_key"),
					texts(rs.getArray("message_args"))))
			.list();
	}

	int countFindings(UUID id, List<Findings.Kind> kinds) {
		return this.jdbc.sql("select count(*) from data_import_finding where import_id = :id and kind = any(:kinds)")
			.param("id", id)
			.param("kinds", kinds.stream().map(Enum::name).toArray(String[]::new))
			.query(Integer.class)
			.single();
	}

	private static Run run(ResultSet rs, int n) throws SQLException {
		return new Run(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("file_name"),
				Spreadsheets.Format.valueOf(rs.getString("file_format")), rs.getString("sha256"),
				rs.getLong("size_bytes"), rs.getLong("user_id"), ImportStatus.valueOf(rs.getString("status")),
				rs.getInt("rows_read"), rs.getInt("problems"), (Integer) rs.getObject("to_create"),
				(Integer) rs.getObject("to_change"), (Integer) rs.getObject("unchanged"),
				(Integer) rs.getObject("created"), (Integer) rs.getObject("changed"), rs.getString("plan_digest"),
				rs.getString("message_key"), texts(rs.getArray("message_args")),
				rs.getObject("received_at", OffsetDateTime.class), rs.getObject("checked_at", OffsetDateTime.class),
				rs.getObject("committed_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class));
	}

	private static List<String> texts(@Nullable Array array) throws SQLException {
		return (array == null) ? List.of() : Arrays.asList((String[]) array.getArray());
	}

}
