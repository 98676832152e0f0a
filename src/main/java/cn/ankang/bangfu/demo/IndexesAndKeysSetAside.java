package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The foreign keys, and the indexes that enforce nothing on tables that no function
 * reads, set aside while the demo data set is copied in and made again once it is all
 * there, in the load's transaction.
 * <p>
 * Row by row, PostgreSQL checks every foreign key with a query and inserts into every
 * index at a random place; made afterwards, an index is one sort and a key one join over
 * the whole table. The definitions are read from the catalogue and replayed as they were,
 * so the schema after a load is the migrations' own. The unique indexes stay, for the
 * keys and for the triggers that look rows up by them while the rows go in, and so do all
 * the indexes of a table that a function names.
 */
final class IndexesAndKeysSetAside {

	private static final String FOREIGN_KEYS = """
			select format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname),
			       format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname,
			              pg_get_constraintdef(c.oid))
			from pg_constraint c
			where c.contype = 'f'
			  and c.conparentid = 0
			  and c.connamespace = current_schema()::regnamespace
			order by c.conrelid::regclass::text, c.conname""";

	// Only of tables that no function of the schema names: a trigger that counts a
	// household's members as they go in reads them by an index, and without it read the
	// whole table once a household (at 10× the members' COPY had not ended after minutes
	// where it takes 15 s). A partitioned table's index reads "ON ONLY": made that way it
	// would cover no partition, so it is made over the whole table, which makes the
	// partitions' own.
	private static final String PLAIN_INDEXES = """
			select format('drop index %s', i.indexrelid::regclass),
			       regexp_replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ')
			from pg_index i
			join pg_class t on t.oid = i.indrelid
			where not i.indisunique
			  and not i.indisexclusion
			  and i.indisvalid
			  and not t.relispartition
			  and t.relnamespace = current_schema()::regnamespace
			  and not exists (select from pg_proc p
			                  where p.pronamespace = t.relnamespace
			                    and p.prosrc ~ ('\\m' || t.relname || '\\M'))
			order by i.indexrelid::regclass::text""";

	private final List<String> restore;

	private IndexesAndKeysSetAside(List<String> restore) {
		this.restore = restore;
	}

	/**
	 * Drops the schema's foreign keys and the plain indexes of the tables no function
	 * names, remembering how to make them again.
	 */
	static IndexesAndKeysSetAside setAside(Connection connection) throws SQLException {
		List<String[]> keys = read(connection, FOREIGN_KEYS);
		List<String[]> indexes = read(connection, PLAIN_INDEXES);
		List<String> restore = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			for (String[] key : keys) {
				statement.execute(key[0]);
			}
			for (String[] index : indexes) {
				statement.execute(index[0]);
				restore.add(index[1]);
			}
		}
		// the keys after the indexes: checking them can use the indexes
		keys.forEach((key) -> restore.add(key[1]));
		return new IndexesAndKeysSetAside(restore);
	}

	/**
	 * Makes the indexes and keys again; each key checks every row written, so a row that
	 * breaks one fails the load as it would have row by row.
	 */
	void restore(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			// the sorts and the keys' joins of millions of rows in memory, not in
			// batches on disk; for this transaction only
			statement.execute("set local maintenance_work_mem = '512MB'");
			statement.execute("set local work_mem = '256MB'");
			for (String sql : this.restore) {
				statement.execute(sql);
			}
		}
	}

	int size() {
		return this.restore.size();
	}

	private static List<String[]> read(Connection connection, String sql) throws SQLException {
		List<String[]> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				rows.add(new String[] { result.getString(1), result.getString(2) });
			}
		}
		return rows;
	}

}
