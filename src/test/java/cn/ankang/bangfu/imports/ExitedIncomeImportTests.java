package cn.ankang.bangfu.imports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The income ledger of households lifted out of poverty (脱贫户收入台账) brought in by those who
 * keep the register: households registered and their years recorded as the API does it,
 * the same ledger again changing nothing, a corrected ledger changing what it corrects
 * with a new version, and rows that cannot be right or are not the uploader's refused row
 * by row with nothing stored.
 */
class ExitedIncomeImportTests extends ImportTestSupport {

	private static final List<Object> HEADER = List.of("户编号", "户主姓名", "户主证件号码", "家庭人口", "脱贫年度", "是否易地搬迁", "村代码", "收入年度",
			"人均纯收入（元）", "务工人数");

	private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

	/**
	 * A village no other test keeps households in, so that its figures are this test's.
	 */
	private static final String VILLAGE = COUNTY + "007002";

	private static final int YEAR = TODAY.getYear() - 1;

	@Test
	void aLedgerRegistersHouseholdsAndRecordsTheirYearsOnceAndACorrectionIsANewVersion() {
		String token = countyOfficerToken();
		Map<String, Object> before = figures(VILLAGE, YEAR);
		String a = number();
		String b = number();
		String idA = idNumber();
		String idB = idNumber();
		List<List<Object>> rows = List.of(HEADER, row(a, "王德明", idA, 4, 2018, "否", VILLAGE, YEAR - 1, "12000", 2),
				row(a, "王德明", idA, 4, 2018, "否", VILLAGE, YEAR, "13800.50", 2),
				row(b, "李秀英", idB, 2, 2019, "是", VILLAGE, YEAR, "9000", null));
		JSONObject checked = checked(token, "EXITED_HOUSEHOLD_INCOMES", "收入台账.xlsx", workbook("脱贫户收入", rows));
		assertThat(checked.getString("status")).as(checked.toString()).isEqualTo("CHECKED");
		assertThat(checked.getInt("toCreate")).isEqualTo(2);
		JSONObject committed = committed(token, checked);
		assertThat(committed.getInt("created")).isEqualTo(2);
		Map<String, Object> household = household(a);
		assertThat(household).containsEntry("head_id_number", idA)
			.containsEntry("people", 4)
			.containsEntry("relocated", false)
			.containsEntry("version", 1);
		assertThat(household(b)).containsEntry("relocated", true);
		assertThat(years(a))
			.extracting((y) -> y.get("year") + " " + y.get("per_capita_income_fen") + " " + y.get("people_in_work")
					+ " " + y.get("previous_per_capita_income_fen"))
			.containsExactly((YEAR - 1) + " 1200000 2 null", YEAR + " 1380050 2 1200000");
		assertThat(history(committed.getString("id"))).isEqualTo(2 + 3);
		// the figures move by the two households, and agree with the records read here
		Map<String, Object> after = figures(VILLAGE, YEAR);
		assertThat(((Number) after.get("households")).intValue())
			.isEqualTo(((Number) before.get("households")).intValue() + 2);
		assertThat(((Number) after.get("relocatedHouseholds")).intValue())
			.isEqualTo(((Number) before.get("relocatedHouseholds")).intValue() + 1);
		assertThat(new BigDecimal(String.valueOf(after.get("averageNetIncome")))).isEqualByComparingTo(this.jdbc.sql("""
				select round(sum(y.per_capita_income_fen * y.people)::numeric / sum(y.people) / 100, 2)
				from exited_household_year y join village v on v.id = y.village_id
				where v.code = :village and y.year = :year""")
			.param("village", VILLAGE)
			.param("year", YEAR)
			.query(BigDecimal.class)
			.single()
			.setScale(2, RoundingMode.HALF_UP));

		JSONObject again = checked(token, "EXITED_HOUSEHOLD_INCOMES", "收入台账.xlsx", workbook("脱贫户收入", rows));
		assertThat(again.getString("status")).isEqualTo("CHECKED");
		assertThat(again.getInt("toCreate") + again.getInt("toChange")).isZero();

		List<List<Object>> corrected = List.of(HEADER, row(a, "王德明", idA, 4, 2018, "否", VILLAGE, YEAR, "14100", null));
		JSONObject change = checked(token, "EXITED_HOUSEHOLD_INCOMES", "收入台账-更正.xlsx", workbook("脱贫户收入", corrected));
		assertThat(change.getInt("toChange")).isEqualTo(1);
		assertThat(findings(token, change.getString("id"), "CHANGE")).extracting((f) -> f.getString("column"))
			.containsExactly(YEAR + "年 人均纯收入（元）");
		assertThat(committed(token, change).getInt("changed")).isEqualTo(1);
		assertThat(household(a)).containsEntry("version", 2);
		assertThat(years(a).get(1)).containsEntry("per_capita_income_fen", 1410000L)
			.containsEntry("people_in_work", 2)
			.containsEntry("version", 2);
	}

	@Test
	void rowsThatCannotBeRightOrAreNotTheUploadersAreRefusedWithNothingStored() {
		String token = countyOfficerToken();
		String taken = number();
		String takenId = idNumber();
		committed(token, checked(token, "EXITED_HOUSEHOLD_INCOMES", "a.xlsx", workbook("脱贫户收入",
				List.of(HEADER, row(taken, "赵一", takenId, 3, 2017, "否", VILLAGE, YEAR, "10000", 1)))));
		String bad = idNumber();
		bad = bad.substring(0, 17) + (bad.charAt(17) == '1' ? "2" : "1");
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			numbers.add(number());
		}
		List<List<Object>> rows = List.of(HEADER,
				row(numbers.get(0), "钱二", idNumber(), 3, 2017, "否", VILLAGE, YEAR, "-100", null),
				row(numbers.get(1), "孙三", idNumber(), 3, 2017, "否", VILLAGE, YEAR, "2000000", null),
				row(numbers.get(2), "李四", bad, 3, 2017, "否", VILLAGE, YEAR, "9000", null),
				row(numbers.get(3), "周五", new BigDecimal(idNumber().substring(0, 17)), 3, 2017, "否", VILLAGE, YEAR,
						"9000", null),
				row(numbers.get(4), "吴六", idNumber(), 3, 2023, "否", VILLAGE, YEAR, "9000", null),
				row(numbers.get(5), "郑七", idNumber(), 3, 2017, "否", COUNTY + "999999", YEAR, "9000", null),
				row(numbers.get(6), "王八", idNumber(), 3, 2017, "否", OTHER_COUNTY + "001001", YEAR, "9000", null),
				row(numbers.get(7), "冯九", idNumber(), 3, 2017, "否", VILLAGE, YEAR, "9000", 4),
				row(numbers.get(8), "陈十", takenId, 3, 2017, "否", VILLAGE, YEAR, "9000", null),
				row(numbers.get(9), "褚十一", idNumber(), 3, 2017, "不知道", VILLAGE, TODAY.getYear() + 1, "9000", null));
		JSONObject checked = checked(token, "EXITED_HOUSEHOLD_INCOMES", "收入台账.xlsx", workbook("脱贫户收入", rows));
		assertThat(checked.getString("status")).isEqualTo("REJECTED");
		assertThat(findings(token, checked.getString("id"), "PROBLEM"))
			.extracting((p) -> p.getInt("row") + " " + p.getString("code"))
			.containsExactlyInAnyOrder("2 cell.money", "3 population.incomeTooLarge", "4 cell.idNumber",
					"5 cell.idNumberAsNumber", "6 population.exitedYear", "7 row.unknownVillage",
					"8 row.outOfJurisdiction", "9 population.workersAbovePeople", "10 population.taken",
					"11 cell.choice", "11 population.year");
		assertThat(this.jdbc.sql("select count(*) from exited_household where household_number in (:numbers)")
			.param("numbers", numbers)
			.query(Integer.class)
			.single()).isZero();
		// another county's officer and a cadre of another village cannot touch the
		// household
		String other = token("COUNTY_OFFICER", Map.of("countyCode", OTHER_COUNTY));
		JSONObject theirs = checked(other, "EXITED_HOUSEHOLD_INCOMES", "b.xlsx",
				workbook("脱贫户收入", List.of(HEADER, row(taken, "赵一", takenId, 3, 2017, "否", VILLAGE, YEAR, "1", 1))));
		assertThat(findings(other, theirs.getString("id"), "PROBLEM")).extracting((p) -> p.getString("code"))
			.containsExactly("row.outOfJurisdiction");
		String cadre = accessToken(postedCadreUsername(OTHER_COUNTY + "001001"), "the-right-password");
		JSONObject cadres = checked(cadre, "EXITED_HOUSEHOLD_INCOMES", "c.xlsx",
				workbook("脱贫户收入", List.of(HEADER, row(taken, "赵一", takenId, 3, 2017, "否", VILLAGE, YEAR, "1", 1),
						row(taken, "赵一", takenId, 3, 2017, "否", OTHER_COUNTY + "001001", YEAR - 1, "1", 1))));
		assertThat(findings(cadre, cadres.getString("id"), "PROBLEM")).extracting((p) -> p.getString("code"))
			.containsExactlyInAnyOrder("population.disagrees", "row.outOfJurisdiction");
		// yet in the cadre's own village, a new household is theirs to register
		JSONObject own = checked(cadre, "EXITED_HOUSEHOLD_INCOMES", "d.xlsx", workbook("脱贫户收入", List.of(HEADER,
				row(number(), "蒋十二", idNumber(), 2, 2016, "否", OTHER_COUNTY + "001001", YEAR, "8000", 1))));
		assertThat(committed(cadre, own).getInt("created")).isEqualTo(1);
		assertThat(years(taken).get(0)).containsEntry("per_capita_income_fen", 1000000L);
		assertThat(upload(token("CITY_LEADER", Map.of("cityCode", CITY)), "EXITED_HOUSEHOLD_INCOMES", "a.csv",
				"户编号\n".getBytes(), "text/csv")
			.statusCode()).as("city leaders read the register but do not keep it").isEqualTo(403);
	}

	@Test
	void theTemplateHasTheChineseHeadersAndNotes() throws Exception {
		String token = countyOfficerToken();
		java.net.http.HttpResponse<byte[]> template = download(token, "/imports/templates/EXITED_HOUSEHOLD_INCOMES");
		assertThat(template.statusCode()).isEqualTo(200);
		try (org.dhatim.fastexcel.reader.ReadableWorkbook book = new org.dhatim.fastexcel.reader.ReadableWorkbook(
				new java.io.ByteArrayInputStream(template.body()))) {
			assertThat(
					book.findSheet("脱贫户收入").orElseThrow().read().get(0).stream().map((cell) -> cell.getText()).toList())
				.isEqualTo(HEADER);
			assertThat(book.findSheet("填写说明").orElseThrow().read().stream().map((row) -> row.toString()).toList())
				.anySatisfy((line) -> assertThat(line).contains("户编号"));
		}
		assertThat(get(token, "/imports/kinds").body()).contains("EXITED_HOUSEHOLD_INCOMES");
	}

	private static List<Object> row(String number, String head, Object idNumber, int people, int exitedYear,
			String relocated, String village, int year, String income, Integer inWork) {
		List<Object> row = new ArrayList<>(
				List.of(number, head, idNumber, people, exitedYear, relocated, village, year, income));
		row.add(inWork);
		return row;
	}

	private static String number() {
		return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	private Map<String, Object> household(String number) {
		return this.jdbc.sql("select * from exited_household where household_number = :number")
			.param("number", number)
			.query()
			.singleRow();
	}

	private List<Map<String, Object>> years(String number) {
		return this.jdbc.sql("""
				select y.* from exited_household_year y join exited_household h on h.id = y.household_id
				where h.household_number = :number order by y.year""").param("number", number).query().listOfRows();
	}

	private int history(String importId) {
		return this.jdbc.sql("""
				select count(*) from record_history
				where change_id = cast(:id as uuid) and subject_type = 'EXITED_HOUSEHOLD'""")
			.param("id", importId)
			.query(Integer.class)
			.single();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> figures(String village, int year) {
		return countyOfficer(COUNTY).document("""
				query($f: FigureFilter) { populationFigures(filter: $f) {
				  total { households relocatedHouseholds averageNetIncome } } }""")
			.variable("f", Map.of("villageCode", village, "year", year))
			.execute()
			.path("populationFigures.total")
			.entity(Map.class)
			.get();
	}

}
