package cn.ankang.bangfu.imports;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Villages' collective incomes moved in from the ledger (村集体经济收入台账) by a county officer.
 */
class CollectiveIncomeImportTests extends ImportTestSupport {

	private static final List<Object> HEADER = List.of("村代码", "年度", "集体经济收入（元）", "数据来源");

	@Test
	void incomesAreCreatedThenCorrectedByAFileAndCountOnce() {
		String token = countyOfficerToken();
		List<List<Object>> rows = List.of(HEADER, List.of(COUNTY + "004001", "2023", "126500.00", "台账"),
				List.of(COUNTY + "004001", "2022年", 98000, ""), List.of(COUNTY + "004002", 2023, "88000.5", "台账"));
		JSONObject checked = checked(token, "VILLAGE_COLLECTIVE_INCOMES", "台账.xlsx", workbook("集体经济收入", rows));
		assertThat(checked.getString("status")).as(checked.toString()).isEqualTo("CHECKED");
		assertThat(checked.getInt("toCreate")).isEqualTo(3);
		assertThat(committed(token, checked).getInt("created")).isEqualTo(3);
		assertThat(income(COUNTY + "004001", 2023)).isEqualTo(12_650_000L);
		assertThat(income(COUNTY + "004002", 2023)).isEqualTo(8_800_050L);

		JSONObject again = checked(token, "VILLAGE_COLLECTIVE_INCOMES", "台账.xlsx", workbook("集体经济收入", rows));
		assertThat(again.getInt("toCreate") + again.getInt("toChange")).isZero();

		List<List<Object>> corrected = List.of(HEADER, List.of(COUNTY + "004001", "2023", "136500", "台账"));
		JSONObject change = checked(token, "VILLAGE_COLLECTIVE_INCOMES", "台账-更正.xlsx", workbook("集体经济收入", corrected));
		assertThat(change.getInt("toChange")).isEqualTo(1);
		assertThat(committed(token, change).getInt("changed")).isEqualTo(1);
		assertThat(income(COUNTY + "004001", 2023)).isEqualTo(13_650_000L);
		assertThat(this.jdbc.sql("""
				select version from village_collective_income i join village v on v.id = i.village_id
				where v.code = :code and i.year = 2023""")
			.param("code", COUNTY + "004001")
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void negativeAbsurdFutureDuplicateUnknownAndOutsideRowsAreRefusedRowByRow() {
		String token = countyOfficerToken();
		int nextYear = LocalDate.now().getYear() + 1;
		List<List<Object>> rows = List.of(HEADER, List.of(COUNTY + "004003", 2023, "-100", ""),
				List.of(COUNTY + "004003", 2023, "200000000", ""), List.of(COUNTY + "004003", nextYear, "1000", ""),
				List.of(COUNTY + "004004", 2023, "1000", ""), List.of(COUNTY + "004004", 2023, "2000", ""),
				List.of(COUNTY + "999999", 2023, "1000", ""), List.of(OTHER_COUNTY + "001001", 2023, "1000", ""));
		JSONObject checked = checked(token, "VILLAGE_COLLECTIVE_INCOMES", "台账.xlsx", workbook("集体经济收入", rows));
		assertThat(checked.getString("status")).isEqualTo("REJECTED");
		assertThat(findings(token, checked.getString("id"), "PROBLEM"))
			.extracting((p) -> p.getInt("row") + " " + p.getString("code"))
			.contains("2 cell.money", "3 village.incomeTooLarge", "4 village.incomeYear", "6 row.duplicate",
					"7 row.unknownVillage", "8 row.outOfJurisdiction");
		assertThat(this.jdbc.sql("""
				select count(*) from village_collective_income i join village v on v.id = i.village_id
				where v.code in (:a, :b)""")
			.param("a", COUNTY + "004003")
			.param("b", COUNTY + "004004")
			.query(Integer.class)
			.single()).isZero();
		assertThat(upload(token("CITY_LEADER", Map.of("cityCode", CITY)), "VILLAGE_COLLECTIVE_INCOMES", "a.csv",
				"村代码\n".getBytes(), "text/csv")
			.statusCode()).as("city leaders read incomes but do not keep them").isEqualTo(403);
	}

	private long income(String village, int year) {
		return this.jdbc.sql("""
				select income_fen from village_collective_income i join village v on v.id = i.village_id
				where v.code = :code and i.year = :year""")
			.param("code", village)
			.param("year", year)
			.query(Long.class)
			.single();
	}

}
