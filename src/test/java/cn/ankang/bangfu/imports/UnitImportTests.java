package cn.ankang.bangfu.imports;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Assistance units and their pairings moved in from a spreadsheet by a city leader. */
class UnitImportTests extends ImportTestSupport {

	private static final List<Object> HEADER = List.of("帮扶单位名称", "单位层级", "单位类型", "所属县代码", "结对村代码", "结对开始日期", "结对结束日期");

	private static List<Object> row(Object... values) {
		List<Object> row = new ArrayList<>();
		for (Object value : values) {
			row.add(value);
		}
		return row;
	}

	@Test
	void unitsAndTheirPairingsAreCreatedThenEndedByACorrectedFile() {
		String token = token("CITY_LEADER", Map.of("cityCode", CITY));
		String city = unique("市财政局");
		String county = unique("汉滨区农业农村局");
		List<List<Object>> rows = List.of(HEADER,
				row(city, "市级单位", "党政机关", "", "610902006004", LocalDate.of(2021, 6, 1), ""),
				row(city, "市级单位", "党政机关", "", "610902006005", "2021/6/1", ""),
				row(county, "县级单位", "党政机关", COUNTY, "", "", ""));
		JSONObject checked = checked(token, "UNIT_PAIRINGS", "结对.xlsx", workbook("结对帮扶", rows));
		assertThat(checked.getString("status")).as(checked.toString()).isEqualTo("CHECKED");
		assertThat(checked.getInt("toCreate")).isEqualTo(2);
		assertThat(committed(token, checked).getInt("created")).isEqualTo(2);
		assertThat(this.jdbc.sql("""
				select count(*) from unit_pairing p join assistance_unit u on u.id = p.unit_id
				where u.name = :name and p.ended_on is null""").param("name", city).query(Integer.class).single())
			.isEqualTo(2);

		JSONObject again = checked(token, "UNIT_PAIRINGS", "结对.xlsx", workbook("结对帮扶", rows));
		assertThat(again.getInt("toCreate") + again.getInt("toChange")).isZero();

		List<List<Object>> ended = new ArrayList<>(rows);
		ended.set(2, row(city, "市级单位", "党政机关", "", "610902006005", "2021/6/1", "2024-06-30"));
		JSONObject change = checked(token, "UNIT_PAIRINGS", "结对-更正.csv", csv(ended, StandardCharsets.UTF_8));
		assertThat(change.getInt("toChange")).isEqualTo(1);
		assertThat(findings(token, change.getString("id"), "CHANGE")).singleElement()
			.satisfies((f) -> assertThat(f.getString("message")).contains("2024-06-30"));
		assertThat(committed(token, change).getInt("changed")).isEqualTo(1);
		assertThat(this.jdbc.sql("""
				select count(*) from unit_pairing p join assistance_unit u on u.id = p.unit_id
				where u.name = :name and p.ended_on = date '2024-06-30'""")
			.param("name", city)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void overlappingPairingsLevelsWithoutCountyAndOtherCitiesAreRefusedRowByRow() {
		String token = token("CITY_LEADER", Map.of("cityCode", CITY));
		String unit = unique("市教育局");
		String otherCityVillage = this.jdbc.sql("""
				select v.code from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
				join city on city.id = c.city_id where city.code = :city order by v.code limit 1""")
			.param("city", OTHER_CITY)
			.query(String.class)
			.single();
		List<List<Object>> rows = List.of(HEADER,
				row(unit, "市级单位", "党政机关", "", "610902006004", "2021-06-01", "2023-12-31"),
				row(unit, "市级单位", "党政机关", "", "610902006004", "2023-06-01", ""),
				row(unique("县医院"), "县级单位", "医院", "", "", "", ""),
				row(unit, "市级单位", "党政机关", "", otherCityVillage, "2021-06-01", ""));
		JSONObject checked = checked(token, "UNIT_PAIRINGS", "结对.xlsx", workbook("结对帮扶", rows));
		assertThat(checked.getString("status")).isEqualTo("REJECTED");
		assertThat(findings(token, checked.getString("id"), "PROBLEM"))
			.extracting((p) -> p.getInt("row") + " " + p.getString("code"))
			.contains("3 unit.pairingOverlaps", "4 unit.countyOfLevel", "5 row.outOfJurisdiction");
		assertThat(upload(countyOfficerToken(), "UNIT_PAIRINGS", "a.csv", "单位名称\n".getBytes(), "text/csv").statusCode())
			.as("county officers do not keep units")
			.isEqualTo(403);
	}

}
