package cn.ankang.bangfu;

import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo load sets the foreign keys and plain indexes aside while it copies the rows in
 * and makes them again afterwards: the schema it leaves is exactly the one the migrations
 * make on an empty database, every index valid and every key checked.
 */
class DemoLoadSchemaTests extends DemoDataTestSupport {

	// the tables' own indexes and keys, not the visit partitions': the load makes
	// partitions for its months, which a new database does not have yet
	private static final String INDEXES = """
			select t.relname || ' ' || pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid
			from pg_index i join pg_class t on t.oid = i.indrelid
			where t.relnamespace = 'public'::regnamespace and not t.relispartition
			order by 1""";

	private static final String FOREIGN_KEYS = """
			select c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
			       || ' validated=' || c.convalidated
			from pg_constraint c
			where c.contype = 'f' and c.conparentid = 0 and c.connamespace = 'public'::regnamespace
			order by 1""";

	@Autowired
	private DataSource dataSource;

	@Test
	void theLoadedDatabaseHasTheMigrationsIndexesAndKeys() {
		JdbcClient loaded = TestDatabase.ownerClient(this.dataSource);
		String url = TestDatabase.createBeside("schema");
		try {
			Flyway.configure()
				.dataSource(url, TestDatabase.username(), TestDatabase.password())
				.locations("classpath:db/migration")
				.load()
				.migrate();
			JdbcClient migrated = JdbcClient
				.create(new DriverManagerDataSource(url, TestDatabase.username(), TestDatabase.password()));
			List<String> indexes = rows(migrated, INDEXES);
			List<String> keys = rows(migrated, FOREIGN_KEYS);
			assertThat(indexes).hasSizeGreaterThan(100).anyMatch((index) -> index.startsWith("visit CREATE INDEX"));
			assertThat(keys).hasSizeGreaterThan(100).allMatch((key) -> key.endsWith("validated=true"));
			assertThat(rows(loaded, INDEXES)).containsExactlyElementsOf(indexes);
			assertThat(rows(loaded, FOREIGN_KEYS)).containsExactlyElementsOf(keys);
			// and the partitions the load made each carry every index of the table
			assertThat(loaded.sql("select count(*) from pg_index where not indisvalid").query(Long.class).single())
				.isZero();
			assertThat(loaded.sql("""
					select count(*) from pg_inherits p join pg_class c on c.oid = p.inhrelid
					where p.inhparent = 'visit'::regclass and c.relkind = 'r'""").query(Long.class).single())
				.isGreaterThan(12);
		}
		finally {
			TestDatabase.dropBeside("schema");
		}
	}

	private static List<String> rows(JdbcClient client, String sql) {
		return client.sql(sql).query(String.class).list();
	}

}
