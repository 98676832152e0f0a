package cn.ankang.bangfu.project;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.RecordsTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Projects kept through the API: the pipeline, the state machine step by step, funds
 * allocated by documents and spent against vouchers within them, assets handed over; the
 * figures move by exactly what was entered, and read spending and status as they stood.
 * The projects are last year's, so that every day of their story lies in the past.
 */
class ProjectRecordsTests extends RecordsTestSupport {

	static final String PROJECT = """
			project { id status version plannedAmount allocatedAmount spentAmount
			          steps { fromStatus toStatus occurredOn documentNumber actorRole }
			          fundAllocations { source plannedAmount spentAmount documentNumber allocatedOn }
			          assets { name kind value handedOverOn } }""";

	static final int YEAR = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - 1;

	@Autowired
	DataSource dataSource;

	static String day(int month, int dayOfMonth) {
		return LocalDate.of(YEAR, month, dayOfMonth).toString();
	}

	@Test
	@SuppressWarnings("unchecked")
	void aProjectMovesThroughItsStepsOneAtATimeNeverBack() {
		Map<String, Object> unit = unit();
		HttpGraphQlTester county = countyOfficer(COUNTY);
		HttpGraphQlTester manager = user("UNIT_MANAGER", Map.of("unitId", (String) unit.get("id")));
		Map<String, Object> project = made(create(county, unit, "500000.00", "001"), "project");
		assertThat(project).containsEntry("status", "PIPELINE").containsEntry("version", 1);
		String id = (String) project.get("id");
		// a table of steps: who, to what, with which document, and what comes of it
		Object[][] steps = { { county, "IN_PROGRESS", null, day(3, 1), "INVALID_TRANSITION" },
				{ county, "APPROVED", null, day(3, 1), "INVALID_INPUT" },
				{ manager, "APPROVED", "安政发〔" + YEAR + "〕1号", day(3, 1), "OUT_OF_JURISDICTION" },
				{ county, "APPROVED", "安政发〔" + YEAR + "〕1号",
						LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString(), "INVALID_INPUT" },
				{ county, "APPROVED", "安政发〔" + YEAR + "〕1号", day(3, 1), null },
				{ county, "PIPELINE", null, day(3, 2), "INVALID_TRANSITION" },
				{ manager, "IN_PROGRESS", null, day(2, 28), "INVALID_INPUT" },
				{ manager, "IN_PROGRESS", null, day(4, 1), null }, { manager, "COMPLETED", null, day(9, 30), null },
				{ manager, "ACCEPTED", "验收-1", day(10, 15), "OUT_OF_JURISDICTION" },
				{ county, "ACCEPTED", "验收-1", day(10, 15), null },
				{ county, "ASSETS_HANDED_OVER", "移交-1", day(11, 1), "INVALID_TRANSITION" } };
		int version = 1;
		for (Object[] step : steps) {
			Map<String, Object> payload = advance((HttpGraphQlTester) step[0], id, version, (String) step[1],
					(String) step[2], (String) step[3]);
			if (step[4] == null) {
				assertThat(made(payload, "project")).as("%s", step[1]).containsEntry("status", step[1]);
				version++;
			}
			else {
				assertThat(codes(payload)).as("%s by %s: %s", step[1], step[4], payload)
					.containsExactly((String) step[4]);
			}
		}
		made(send(county, "recordProjectAsset", "RecordProjectAssetInput",
				Map.of("changeId", changeId(), "projectId", id, "name", "茶园 120 亩", "kind", "INCOME_EARNING", "value",
						"480000.00", "owner", "某村股份经济合作社", "maintenanceBody", "某村股份经济合作社", "recordedOn", day(10, 16)),
				"asset { id }"), "asset");
		Map<String, Object> handedOver = made(
				advance(county, id, version + 1, "ASSETS_HANDED_OVER", "移交-1", day(11, 1)), "project");
		assertThat(((List<Map<String, Object>>) handedOver.get("assets")).get(0)).containsEntry("handedOverOn",
				day(11, 1));
		assertThat(((List<Map<String, Object>>) handedOver.get("steps"))).extracting((step) -> step.get("toStatus"))
			.containsExactly("PIPELINE", "APPROVED", "IN_PROGRESS", "COMPLETED", "ACCEPTED", "ASSETS_HANDED_OVER");
		assertThat(((List<Map<String, Object>>) handedOver.get("steps")).get(2)).containsEntry("actorRole",
				"UNIT_MANAGER");
		assertThat(codes(advance(county, id, version + 2, "ASSETS_HANDED_OVER", "移交-2", day(11, 2))))
			.containsExactly("INVALID_TRANSITION");
		// the status as it stood: approved at the end of March, handed over at the end
		// of the year
		assertThat(projectsInStatus("APPROVED", day(3, 31))).isEqualTo(1);
		assertThat(projectsInStatus("APPROVED", day(12, 31))).isZero();
		assertThat(projectsInStatus("ASSETS_HANDED_OVER", day(12, 31))).isEqualTo(1);
	}

	@Test
	void moneyIsAllocatedByDocumentsAndSpentWithinItAndTheFiguresMoveByWhatWasEntered() throws Exception {
		Map<String, Object> unit = unit();
		HttpGraphQlTester county = countyOfficer(COUNTY);
		Map<String, Object> before = funds(day(12, 31));
		Map<String, Object> beforeJuly = funds(day(6, 30));
		Map<String, Object> project = made(create(county, unit, "800000.00", "002"), "project");
		String id = (String) project.get("id");
		assertThat(codes(spend(county, id, "CENTRAL_LINKAGE", "1.00", day(3, 5), "V-0")))
			.containsExactly("INVALID_TRANSITION");
		made(advance(county, id, 1, "APPROVED", "批复-1", day(3, 1)), "project");
		assertThat(codes(allocate(county, id, 1, "CENTRAL_LINKAGE", "600000.00"))).containsExactly("STALE_VERSION");
		Map<String, Object> allocated = made(allocate(county, id, 2, "CENTRAL_LINKAGE", "600000.00"), "project");
		assertThat(allocated).containsEntry("allocatedAmount", "600000.00");
		assertThat(codes(spend(county, id, "PROVINCIAL_LINKAGE", "1.00", day(4, 1), "V-1")))
			.containsExactly("SPENDING_EXCEEDS_ALLOCATION");
		Map<String, Object> first = spendInput(id, "CENTRAL_LINKAGE", "200000.00", day(4, 1), "V-1");
		String spending = (String) made(
				send(county, "recordProjectSpending", "RecordProjectSpendingInput", first, "spending { id amount }"),
				"spending")
			.get("id");
		// the answer was lost: the same spending again is the same spending, counted once
		assertThat(made(send(county, "recordProjectSpending", "RecordProjectSpendingInput", first, "spending { id }"),
				"spending"))
			.containsEntry("id", spending);
		made(spend(county, id, "CENTRAL_LINKAGE", "150000.00", day(9, 1), "V-2"), "spending");
		assertThat(codes(spend(county, id, "CENTRAL_LINKAGE", "1.00", day(9, 2), "V-2")))
			.containsExactly("ALREADY_EXISTS");
		assertThat(codes(spend(county, id, "CENTRAL_LINKAGE", "250000.01", day(9, 3), "V-3")))
			.containsExactly("SPENDING_EXCEEDS_ALLOCATION");
		assertThat(field(spend(county, id, "CENTRAL_LINKAGE", "-5.00", day(9, 3), "V-3"))).containsExactly("input",
				"amount");
		// an amount finer than the fen is not Money at all: the scalar refuses it before
		// the
		// mutation runs
		assertError(
				county.document("""
						mutation($input: RecordProjectSpendingInput!) { recordProjectSpending(input: $input) {
						  userErrors { code } } }""")
					.variable("input", spendInput(id, "CENTRAL_LINKAGE", "1.001", day(9, 3), "V-3")),
				"GRAPHQL_VALIDATION_FAILED");
		assertThat(codes(allocate(county, id, 5, "CENTRAL_LINKAGE", "300000.00")))
			.containsExactly("SPENDING_EXCEEDS_ALLOCATION");
		// the figures: allocated and spent moved by exactly what was entered, and as of
		// the end of June only the April spending had happened
		Map<String, Object> after = funds(day(12, 31));
		assertThat(difference(after, before, "allocated")).isEqualTo("600000.00");
		assertThat(difference(after, before, "spent")).isEqualTo("350000.00");
		assertThat(difference(funds(day(6, 30)), beforeJuly, "spent")).isEqualTo("200000.00");
		assertThat(((Number) after.get("projects")).intValue() - ((Number) before.get("projects")).intValue())
			.isEqualTo(1);
		// the database refuses spending beyond the allocation whoever writes it
		long key = cn.ankang.bangfu.shared.relay.GlobalId.decode(id).numericKey();
		assertThatThrownBy(() -> this.jdbc.sql("""
				insert into project_spending (project_id, source, amount_fen, spent_on, voucher_number)
				values (:p, 'CENTRAL_LINKAGE', 25000001, :on, 'SQL-1')""")
			.param("p", key)
			.param("on", LocalDate.parse(day(10, 1)))
			.update()).hasMessageContaining("fund_allocation_spent_within_allocated");
		// and a county officer's login writes nothing in another county's project, even
		// past the service
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("set local role bangfu_app");
			statement.execute("select set_config('bangfu.scope_counties', (select id::text from county where code = '"
					+ OTHER_COUNTY + "'), true)");
			assertThatThrownBy(() -> statement.execute("""
					insert into project_spending (project_id, source, amount_fen, spent_on, voucher_number)
					values (%d, 'CENTRAL_LINKAGE', 100, date '%s', 'RLS-1')""".formatted(key, day(10, 1))))
				.hasMessageContaining("row-level security");
			connection.rollback();
		}
	}

	@Test
	void whoMayKeepProjects() {
		Map<String, Object> unit = unit();
		Map<String, Object> input = projectInput(unit, "100000.00", "003");
		assertRefused(this.anonymous, "createProject", "CreateProjectInput", input, "UNAUTHENTICATED");
		for (HttpGraphQlTester refused : List.of(cityLeader(), townOfficer("610902001"),
				user("UNIT_MANAGER", Map.of("unitId", (String) unit.get("id"))))) {
			assertRefused(refused, "createProject", "CreateProjectInput", projectInput(unit, "100000.00", "003"),
					"FORBIDDEN");
		}
		assertThat(codes(create(countyOfficer(OTHER_COUNTY), unit, "100000.00", "003")))
			.containsExactly("OUT_OF_JURISDICTION");
		Map<String, Object> industry = projectInput(unit, "100000.00", "003");
		industry.remove("industry");
		assertThat(field(send(countyOfficer(COUNTY), "createProject", "CreateProjectInput", industry, PROJECT)))
			.containsExactly("input", "industry");
		Map<String, Object> huge = projectInput(unit, "99999999999.00", "003");
		assertThat(field(send(countyOfficer(COUNTY), "createProject", "CreateProjectInput", huge, PROJECT)))
			.containsExactly("input", "plannedAmount");
		made(create(admin(), unit, "100000.00", "003"), "project");
	}

	private Map<String, Object> unit() {
		return made(send(cityLeader(), "createAssistanceUnit", "CreateAssistanceUnitInput",
				Map.of("changeId", changeId(), "name", unique("实施单位"), "level", "COUNTY", "kind",
						"GOVERNMENT_DEPARTMENT", "countyCode", COUNTY),
				"unit { id }"), "unit");
	}

	/**
	 * A project of last year in a town of the county ({@code town}: its last three
	 * digits).
	 */
	private Map<String, Object> projectInput(Map<String, Object> unit, String planned, String town) {
		Map<String, Object> input = new HashMap<>();
		input.put("changeId", changeId());
		input.put("name", unique("茶园提升项目"));
		input.put("category", "INDUSTRY");
		input.put("industry", "TEA");
		input.put("year", YEAR);
		input.put("countyCode", COUNTY);
		input.put("townCode", COUNTY + town);
		input.put("implementingUnitId", unit.get("id"));
		input.put("plannedAmount", planned);
		input.put("enteredOn", LocalDate.of(YEAR - 1, 11, 20).toString());
		return input;
	}

	private Map<String, Object> create(HttpGraphQlTester as, Map<String, Object> unit, String planned, String town) {
		return send(as, "createProject", "CreateProjectInput", projectInput(unit, planned, town), PROJECT);
	}

	private Map<String, Object> advance(HttpGraphQlTester as, String project, int version, String to, String document,
			String on) {
		Map<String, Object> input = new HashMap<>();
		input.put("changeId", changeId());
		input.put("projectId", project);
		input.put("baseVersion", version);
		input.put("to", to);
		input.put("documentNumber", document);
		input.put("on", on);
		return send(as, "advanceProject", "AdvanceProjectInput", input, PROJECT);
	}

	private Map<String, Object> allocate(HttpGraphQlTester as, String project, int version, String source,
			String amount) {
		return send(as, "allocateProjectFunds", "AllocateProjectFundsInput",
				Map.of("changeId", changeId(), "projectId", project, "baseVersion", version, "source", source, "amount",
						amount, "documentNumber", "安财农〔" + YEAR + "〕12号", "allocatedOn", day(3, 10)),
				PROJECT);
	}

	private Map<String, Object> spendInput(String project, String source, String amount, String on, String voucher) {
		return Map.of("changeId", changeId(), "projectId", project, "source", source, "amount", amount, "spentOn", on,
				"voucherNumber", voucher);
	}

	private Map<String, Object> spend(HttpGraphQlTester as, String project, String source, String amount, String on,
			String voucher) {
		return send(as, "recordProjectSpending", "RecordProjectSpendingInput",
				spendInput(project, source, amount, on, voucher), "spending { id amount spentOn }");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> funds(String to) {
		return (Map<String, Object>) cityLeader()
			.document("query($f: FigureFilter) { fundFigures(filter: $f) { total { allocated spent projects } } }")
			.variable("f", Map.of("countyCode", COUNTY, "from", day(1, 1), "to", to))
			.execute()
			.path("fundFigures.total")
			.entity(Map.class)
			.get();
	}

	private int projectsInStatus(String status, String to) {
		return cityLeader().document(
				"""
						query($f: FigureFilter, $s: ProjectStatus) { projectFigures(filter: $f, status: $s) { total { projects } } }""")
			.variable("f", Map.of("countyCode", COUNTY, "townCode", COUNTY + "001", "from", day(1, 1), "to", to))
			.variable("s", status)
			.execute()
			.path("projectFigures.total.projects")
			.entity(Integer.class)
			.get();
	}

	private static String difference(Map<String, Object> after, Map<String, Object> before, String field) {
		return new java.math.BigDecimal((String) after.get(field))
			.subtract(new java.math.BigDecimal((String) before.get(field)))
			.toPlainString();
	}

}
