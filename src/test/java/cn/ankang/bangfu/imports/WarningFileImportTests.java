package cn.ankang.bangfu.imports;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Departments' warnings on the imports' check and commit: matched to the household the
 * county moved in, merged when sent again, refused row by row outside the county.
 */
class WarningFileImportTests extends ImportTestSupport {

	private static final List<Object> HEADER = List.of("身份证号", "姓名", "预警类型", "数据来源", "发生日期", "金额", "详情", "村代码", "镇代码");

	@Test
	void aWarningIsMatchedToAMovedInHouseholdAndASecondSendingChangesNothing() {
		String token = countyOfficerToken();
		String head = person(LocalDate.of(1966, 2, 2), true);
		JSONObject household = checked(token, "HOUSEHOLDS", "户.csv",
				csv(List.of(HOUSEHOLD_HEADER,
						member("610902006004", "冯一", "冯一", head, "户主", "边缘易致贫户", "因病", "2022-01-01", null, null)),
						StandardCharsets.UTF_8));
		assertThat(committed(token, household).getString("status")).isEqualTo("COMMITTED");

		String otherTown = this.jdbc
			.sql("""
					select t.code from town t join county c on c.id = t.county_id where c.code = :county order by t.code limit 1""")
			.param("county", OTHER_COUNTY)
			.query(String.class)
			.single();
		List<List<Object>> rows = List.of(HEADER,
				new ArrayList<>(List.of(head, "冯一", "医疗支出", "市医保局", "2024-05-10", 23000, "住院自付", "", "")));
		JSONObject checked = checked(token, "RISK_WARNINGS", "预警.xlsx", workbook("部门预警", rows));
		assertThat(checked.getString("status")).as(checked.toString()).isEqualTo("CHECKED");
		assertThat(checked.getInt("toCreate")).isEqualTo(1);
		assertThat(committed(token, checked).getString("status")).isEqualTo("COMMITTED");
		assertThat(this.jdbc.sql("""
				select count(*) from risk_warning w join household h on h.id = w.household_id
				where h.head_id_number = :id""").param("id", head).query(Integer.class).single()).isEqualTo(1);

		JSONObject again = checked(token, "RISK_WARNINGS", "预警.xlsx", workbook("部门预警", rows));
		assertThat(again.getInt("toCreate")).isZero();
		assertThat(again.getInt("unchanged")).isEqualTo(1);

		List<List<Object>> outside = List.of(HEADER, new ArrayList<>(List.of(person(LocalDate.of(1970, 3, 3), false),
				"某", "灾害", "应急局", "2024-06-01", "", "", "", otherTown)));
		JSONObject refused = checked(token, "RISK_WARNINGS", "预警-外县.xlsx", workbook("部门预警", outside));
		assertThat(findings(token, refused.getString("id"), "PROBLEM")).extracting((p) -> p.getString("code"))
			.containsExactly("row.outOfJurisdiction");
	}

}
