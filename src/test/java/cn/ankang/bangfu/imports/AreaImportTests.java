package cn.ankang.bangfu.imports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A city's areas moved in from a spreadsheet by an administrator. */
class AreaImportTests extends ImportTestSupport {

	private static final List<Object> HEADER = List.of("行政区划代码", "名称", "类型", "重点帮扶", "纬度", "经度");

	private static List<Object> row(Object... values) {
		return new ArrayList<>(List.of(values));
	}

	@Test
	void aCityWithItsCountyTownsAndVillagesMovesInThenARenameChangesOne() {
		String admin = token("ADMIN", Map.of());
		// a city code no demo city has (98xx)
		String city = "98" + String.format("%02d", ThreadLocalRandom.current().nextInt(100));
		this.jdbc
			.sql("delete from city where code = :code and not exists (select 1 from county where city_id = city.id)")
			.param("code", city)
			.update();
		List<List<Object>> rows = List.of(HEADER, row(city + "01001001", "新村", "村", "", new BigDecimal("32.5"), 109.1),
				row(city, "示例市", "", "", "", ""), row(city + "01", "示例县", "县", "国家级", "", ""),
				row(city + "01001", "示例镇", "镇", "", "", ""),
				row(city + "01001002", "河口社区", "社区", "省级", 32.51, new BigDecimal("109.12")));
		JSONObject checked = checked(admin, "AREAS", "区划.xlsx", workbook("行政区划", rows));
		assertThat(checked.getString("status")).as(checked.toString()).isEqualTo("CHECKED");
		assertThat(checked.getInt("toCreate")).isEqualTo(5);
		assertThat(committed(admin, checked).getInt("created")).isEqualTo(5);
		assertThat(this.jdbc.sql("""
				select c.key_designation || ' ' || count(v.id) from county c join town t on t.county_id = c.id
				join village v on v.town_id = t.id where c.code = :county group by c.key_designation""")
			.param("county", city + "01")
			.query(String.class)
			.single()).isEqualTo("NATIONAL 2");

		assertThat(checked(admin, "AREAS", "区划.xlsx", workbook("行政区划", rows)).getInt("unchanged")).isEqualTo(5);
		List<List<Object>> renamed = new ArrayList<>(rows);
		renamed.set(1, row(city + "01001001", "新丰村", "村", "", new BigDecimal("32.5"), 109.1));
		JSONObject change = checked(admin, "AREAS", "区划-更名.xlsx", workbook("行政区划", renamed));
		assertThat(change.getInt("toChange")).isEqualTo(1);
		assertThat(findings(admin, change.getString("id"), "CHANGE")).singleElement()
			.satisfies((f) -> assertThat(f.getString("message")).contains("新丰村"));
	}

	@Test
	void codesKindsParentsAndPlacesAreCheckedAndOnlyAdministratorsImportAreas() {
		String admin = token("ADMIN", Map.of());
		List<List<Object>> rows = List.of(HEADER, row("12345", "坏代码", "县", "", "", ""),
				row("987654", "错类型", "村", "", "", ""), row("999999999999", "无上级", "村", "", 32, 109),
				row("610902006999", "无位置", "村", "", "", ""));
		JSONObject checked = checked(admin, "AREAS", "区划.xlsx", workbook("行政区划", rows));
		assertThat(findings(admin, checked.getString("id"), "PROBLEM"))
			.extracting((p) -> p.getInt("row") + " " + p.getString("code"))
			.contains("2 area.code", "3 area.kindOfLevel", "4 area.noParent", "5 area.coordinates");
		assertThat(upload(countyOfficerToken(), "AREAS", "a.csv", "行政区划代码\n".getBytes(), "text/csv").statusCode())
			.isEqualTo(403);
	}

}
