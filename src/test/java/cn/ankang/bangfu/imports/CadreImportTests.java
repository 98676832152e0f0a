package cn.ankang.bangfu.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Resident cadres and their postings moved in from a spreadsheet by a county officer. */
class CadreImportTests extends ImportTestSupport {

	private static final List<Object> HEADER = List.of("姓名", "性别", "手机号码", "派出单位", "驻村村代码", "驻村职务", "驻村开始日期", "驻村结束日期");

	private static List<Object> row(Object... values) {
		return new ArrayList<>(List.of(values));
	}

	private static String phone() {
		return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

	/**
	 * A unit on record, moved in as a city leader would, and a village of the county with
	 * no postings.
	 */
	private String unit() {
		String name = unique("市审计局");
		JSONObject checked = checked(token("CITY_LEADER", Map.of("cityCode", CITY)), "UNIT_PAIRINGS", "单位.csv",
				csv(List.of(List.of("帮扶单位名称", "单位层级", "单位类型"), List.of(name, "市级单位", "党政机关")),
						java.nio.charset.StandardCharsets.UTF_8));
		assertThat(committed(token("CITY_LEADER", Map.of("cityCode", CITY)), checked).getString("status"))
			.isEqualTo("COMMITTED");
		return name;
	}

	private String emptyVillage() {
		return this.jdbc.sql("""
				select v.code from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
				where c.code = :county and not exists (select 1 from posting p where p.village_id = v.id)
				order by v.code desc limit 1""").param("county", COUNTY).query(String.class).single();
	}

	@Test
	void postingsAreMovedInAndARotationEndsOneAndStartsTheNext() {
		String token = countyOfficerToken();
		String unit = unit();
		String village = emptyVillage();
		String first = phone();
		String member = phone();
		List<List<Object>> rows = List.of(HEADER, row("王书记", "男", first, unit, village, "第一书记", "2023-06-01", ""),
				row("赵队员", "女", member, unit, village, "工作队员", "2023-06-01", ""));
		JSONObject checked = checked(token, "CADRE_POSTINGS", "驻村.xlsx", workbook("驻村干部", rows));
		assertThat(checked.getString("status")).as(checked.toString()).isEqualTo("CHECKED");
		assertThat(checked.getInt("toCreate")).isEqualTo(2);
		assertThat(committed(token, checked).getInt("created")).isEqualTo(2);

		// the rotation: the first secretary's last day, and the successor's first the day
		// after
		String successor = phone();
		List<List<Object>> rotation = List.of(HEADER,
				row("王书记", "男", first, unit, village, "第一书记", "2023-06-01", "2025-05-31"),
				row("赵队员", "女", member, unit, village, "工作队员", "2023-06-01", ""),
				row("孙书记", "男", successor, unit, village, "第一书记", "2025-06-01", ""));
		JSONObject rotated = checked(token, "CADRE_POSTINGS", "驻村-轮换.xlsx", workbook("驻村干部", rotation));
		assertThat(rotated.getString("status")).as(rotated.toString()).isEqualTo("CHECKED");
		assertThat(rotated.getInt("toCreate")).isEqualTo(1);
		assertThat(rotated.getInt("toChange")).isEqualTo(1);
		assertThat(rotated.getInt("unchanged")).isEqualTo(1);
		assertThat(committed(token, rotated).getString("status")).isEqualTo("COMMITTED");
		assertThat(this.jdbc.sql("""
				select count(*) from posting p join village v on v.id = p.village_id
				where v.code = :village and p.role = 'FIRST_SECRETARY'""")
			.param("village", village)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void overlappingPostingsAndUnknownUnitsAreRefusedRowByRow() {
		String token = countyOfficerToken();
		String unit = unit();
		String village = emptyVillage();
		String twice = phone();
		List<List<Object>> rows = List.of(HEADER, row("甲", "男", phone(), unit, village, "第一书记", "2024-01-01", ""),
				row("乙", "男", phone(), unit, village, "第一书记", "2024-06-01", ""),
				row("丙", "女", phone(), "没有这个单位", village, "工作队员", "2024-01-01", ""),
				row("丁", "女", twice, unit, village, "工作队员", "2024-01-01", ""),
				row("丁", "女", twice, unit, "610902006004", "工作队员", "2024-03-01", ""),
				row("戊", "男", phone(), unit, otherCountyVillage(), "工作队员", "2024-01-01", ""));
		JSONObject checked = checked(token, "CADRE_POSTINGS", "驻村.xlsx", workbook("驻村干部", rows));
		assertThat(checked.getString("status")).isEqualTo("REJECTED");
		assertThat(findings(token, checked.getString("id"), "PROBLEM"))
			.extracting((p) -> p.getInt("row") + " " + p.getString("code"))
			.contains("3 cadre.firstSecretaryOverlaps", "4 cadre.unknownUnit", "6 cadre.postingOverlaps",
					"7 row.outOfJurisdiction");
	}

	@Test
	void aUnitsManagerPostsTheUnitsCadresOnlyToVillagesItIsPairedWith() {
		String leader = token("CITY_LEADER", Map.of("cityCode", CITY));
		String name = unique("市水利局");
		String paired = emptyVillage();
		JSONObject units = checked(
				leader, "UNIT_PAIRINGS", "单位.csv", csv(
						List.of(List.of("帮扶单位名称", "单位层级", "单位类型", "结对村代码", "结对开始日期"),
								List.of(name, "市级单位", "党政机关", paired, "2023-01-01")),
						java.nio.charset.StandardCharsets.UTF_8));
		assertThat(committed(leader, units).getString("status")).isEqualTo("COMMITTED");
		long unit = this.jdbc.sql("select id from assistance_unit where name = :name")
			.param("name", name)
			.query(Long.class)
			.single();
		String manager = token("UNIT_MANAGER", Map.of("unitId", id("AssistanceUnit", unit)));
		List<List<Object>> rows = List.of(HEADER, row("韩队员", "男", phone(), name, paired, "工作队员", "2023-06-01", ""),
				row("韩二", "男", phone(), name, "610902006004", "工作队员", "2023-06-01", ""));
		JSONObject checked = checked(manager, "CADRE_POSTINGS", "驻村.xlsx", workbook("驻村干部", rows));
		assertThat(findings(manager, checked.getString("id"), "PROBLEM"))
			.extracting((p) -> p.getInt("row") + " " + p.getString("code"))
			.containsExactly("3 row.outOfJurisdiction");
	}

	private String otherCountyVillage() {
		return this.jdbc.sql("""
				select v.code from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
				where c.code = :county order by v.code limit 1""")
			.param("county", OTHER_COUNTY)
			.query(String.class)
			.single();
	}

}
