package cn.ankang.bangfu.visit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that holds visits before V16 keeps every one of them, as they were, when its
 * visits become partitioned: versions, replacements and sync positions included.
 */
class VisitPartitionMigrationTests {

	private static final String VISIT_AS_BEFORE = """
			select id, occurred_at, notes, first_version_id, version, replaced_by, sync_xid, sync_seq, received_at,
			       content_hash
			from visit order by id""";

	@Test
	void visitsStoredBeforePartitioningKeepTheirContentVersionsAndSyncPositions() throws SQLException {
		String url = TestDatabase.createBeside("v15");
		try (Connection connection = DriverManager.getConnection(url, TestDatabase.username(), TestDatabase.password());
				Statement statement = connection.createStatement()) {
			flyway(url, "15").migrate();
			statement.execute(
					"""
							insert into city (code, name) values ('6109', '安康市');
							insert into county (city_id, code, name, kind) select id, '610902', '汉滨区', 'DISTRICT' from city;
							insert into town (county_id, code, name, kind) select id, '610902001', '老城街道', 'SUBDISTRICT' from county;
							insert into village (town_id, code, name, kind, latitude, longitude)
							    select id, '610902001001', '东坝村', 'VILLAGE', 32.68, 109.02 from town;
							insert into assistance_unit (name, level, kind) values ('省发改委', 'PROVINCIAL', 'GOVERNMENT_DEPARTMENT');
							insert into cadre (name, gender, dispatching_unit_id) select '王明', 'MALE', id from assistance_unit;
							insert into visit (id, cadre_id, village_id, kind, occurred_at, notes)
							    select 'a0000000-0000-4000-8000-000000000001', c.id, v.id, 'VILLAGE_MEETING', '2024-02-10T06:30:00Z', '村民会议'
							    from cadre c, village v;
							insert into visit (id, cadre_id, village_id, kind, occurred_at, notes, first_version_id, version)
							    select 'a0000000-0000-4000-8000-000000000002', c.id, v.id, 'VILLAGE_MEETING', '2024-03-01T01:00:00Z',
							           '村民会议（更正）', 'a0000000-0000-4000-8000-000000000001', 2
							    from cadre c, village v;
							update visit set replaced_by = 'a0000000-0000-4000-8000-000000000002'
							    where id = 'a0000000-0000-4000-8000-000000000001';
							insert into visit (id, cadre_id, village_id, kind, occurred_at, notes)
							    select 'a0000000-0000-4000-8000-000000000003', c.id, v.id, 'PROJECT_INSPECTION', '2025-07-31T23:59:59Z', '项目查看'
							    from cadre c, village v;
							""");
			List<List<String>> before = rows(statement, VISIT_AS_BEFORE);

			flyway(url, "latest").migrate();

			assertThat(rows(statement, VISIT_AS_BEFORE)).isEqualTo(before).hasSize(3);
			assertThat(rows(statement, """
					select c.relname from visit v join pg_class c on c.oid = v.tableoid order by v.id"""))
				.containsExactly(List.of("visit_2024_02"), List.of("visit_2024_03"), List.of("visit_2025_07"));
			// no partitions for the months between: they would be read for nothing
			assertThat(rows(statement, "select to_regclass('visit_2024_04')::text"))
				.containsExactly(Collections.singletonList(null));
			assertThat(rows(statement, "select id, chain_id, version from visit_key order by id")).containsExactly(
					List.of("a0000000-0000-4000-8000-000000000001", "a0000000-0000-4000-8000-000000000001", "1"),
					List.of("a0000000-0000-4000-8000-000000000002", "a0000000-0000-4000-8000-000000000001", "2"),
					List.of("a0000000-0000-4000-8000-000000000003", "a0000000-0000-4000-8000-000000000003", "1"));
		}
		finally {
			TestDatabase.dropBeside("v15");
		}
	}

	private static Flyway flyway(String url, String target) {
		return Flyway.configure()
			.dataSource(url, TestDatabase.username(), TestDatabase.password())
			.locations("classpath:db/migration")
			.target(target)
			// the policies' file is written for the latest schema: up to an earlier
			// version, it is not read as a migration at all
			.repeatableSqlMigrationPrefix(target.equals("latest") ? "R" : "-")
			.load();
	}

	private static List<List<String>> rows(Statement statement, String sql) throws SQLException {
		List<List<String>> rows = new ArrayList<>();
		try (ResultSet result = statement.executeQuery(sql)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				List<String> row = new ArrayList<>();
				for (int i = 1; i <= columns; i++) {
					row.add(result.getString(i));
				}
				rows.add(row);
			}
		}
		return rows;
	}

}
