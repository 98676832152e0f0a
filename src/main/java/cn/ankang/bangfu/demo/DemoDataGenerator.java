package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import cn.ankang.bangfu.demo.DemoWorld.PostingInfo;

/**
 * Writes a deterministic, synthetic Ankang into an empty database: the real counties with
 * their division codes, and made-up towns, villages, units, people and money whose counts
 * and sums equal the figures of the 2023 annual report ({@link DemoFigures}). The same
 * seed always gives the same rows.
 * <p>
 * A scale factor above 1 adds synthetic copies of the city (codes starting {@code 99},
 * which no real province has), each with the same counts, for benchmarks at province or
 * national size.
 * <p>
 * Rows of one table depend on rows of earlier ones, and PostgreSQL takes one COPY at a
 * time per connection, so tables are written one after the other; what later tables need
 * is kept in compact arrays, and per-row random streams derived from the seed let each
 * table regenerate the details it needs.
 * <p>
 * This class runs the tables in their order; the rows come from one generator per subject
 * ({@link AreaGenerator}, {@link UnitAndCadreGenerator}, {@link ProjectGenerator} and the
 * others), which share a {@link DemoWorld}.
 */
final class DemoDataGenerator {

	private final DemoWorld world;

	DemoDataGenerator(long seed, int scale) {
		this(seed, scale, LocalDate.now(ZoneOffset.ofHours(8)));
	}

	/**
	 * @param today the day the monitoring work in progress is seen from: the cases being
	 * verified, reviewed and confirmed, and their tasks, are dated in the weeks before it
	 */
	DemoDataGenerator(long seed, int scale, LocalDate today) {
		if (scale < 1 || scale > 100) {
			throw new IllegalArgumentException("The scale must be between 1 and 100, but was " + scale);
		}
		this.world = new DemoWorld(seed, scale, today);
	}

	/**
	 * Writes the whole data set through {@code connection}, which must be in a
	 * transaction on an empty, migrated database.
	 */
	void write(Connection connection) throws SQLException {
		new AreaGenerator(this.world).writeAreas(connection);
		moveIdentities(connection, List.of("city", "county", "town", "village"));
		UnitAndCadreGenerator unitsAndCadres = new UnitAndCadreGenerator(this.world);
		unitsAndCadres.writeUnitsAndPairings(connection);
		List<PostingInfo> postings = unitsAndCadres.writeCadresAndPostings(connection);
		unitsAndCadres.writeLeaders(connection);
		ProjectGenerator projects = new ProjectGenerator(this.world);
		projects.writeProjects(connection);
		new ThisYearsProjectGenerator(this.world, projects).writeThisYearsProjects(connection);
		HouseholdGenerator householdRows = new HouseholdGenerator(this.world);
		Households households = householdRows.writeHouseholds(connection, postings);
		householdRows.writeMembers(connection, households);
		householdRows.writeIncomes(connection, households);
		householdRows.writeMeasures(connection, households);
		new VisitGenerator(this.world).writeVisits(connection, households, postings);
		new MonitoringGenerator(this.world).writeMonitoring(connection, households);
		PublishedReport.writePublishedReport(connection);
		new VillageRecordGenerator(this.world).writeVillageRecords(connection);
		moveIdentities(connection,
				List.of("assistance_unit", "unit_pairing", "cadre", "posting", "leader", "leader_liaison", "project",
						"household", "household_member", "assistance_measure", "monitoring_case", "risk_warning",
						"task"));
		// written last, from streams of their own: the rows before stay as they were
		new EnterpriseGenerator(this.world).writeEnterprises(connection, households);
		moveIdentities(connection, List.of("enterprise", "enterprise_year"));
		new SupervisionGenerator(this.world).writeSupervision(connection);
		moveIdentities(connection, List.of("supervision_round", "supervision_coverage", "supervision_problem"));
		ExitedHouseholdGenerator exited = new ExitedHouseholdGenerator(this.world);
		for (int copy = 0; copy < this.world.scale; copy++) {
			exited.writeOutOfPovertyPopulation(connection, households, copy);
		}
		moveIdentities(connection, List.of("exited_household", "microcredit_loan"));
		projects.writeVillageConstruction(connection);
		moveIdentities(connection, List.of("project"));
	}

	/**
	 * Writes the areas alone (the city, its counties, towns and villages, with their
	 * designations): the world a new city starts from before it keeps its records through
	 * the API.
	 */
	void writeAreasOnly(Connection connection) throws SQLException {
		new AreaGenerator(this.world).writeAreas(connection);
		moveIdentities(connection, List.of("city", "county", "town", "village"));
	}

	/**
	 * Rows came with explicit ids: moves each identity past them, for rows added later.
	 */
	private static void moveIdentities(Connection connection, List<String> tables) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String table : tables) {
				statement.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), "
						+ "coalesce((select max(id) from " + table + "), 0) + 1, false)");
			}
		}
	}

}
