package cn.ankang.bangfu.imports;

import java.util.ArrayList;
import java.util.List;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project pipeline, its funds and their spending moved in from spreadsheets by a
 * county officer.
 */
class ProjectImportTests extends ImportTestSupport {

	private static final List<Object> PROJECTS = List.of("县代码", "年度", "项目名称", "村代码", "项目类别", "产业类型", "计划投资", "入库日期",
			"批复日期", "批复文号", "开工日期", "完工日期", "资金来源", "安排金额", "资金文号", "下达日期");

	private static final List<Object> SPENDING = List.of("县代码", "年度", "项目名称", "资金来源", "支出金额", "支出日期", "凭证号");

	private static List<Object> row(Object... values) {
		return new ArrayList<>(List.of(values));
	}

	@Test
	void aProjectMovesInWithItsFundsThenAdvancesAndSpendsThroughLaterFiles() {
		String token = countyOfficerToken();
		String name = unique("2024年茶园提质项目");
		List<List<Object>> rows = List.of(PROJECTS,
				row(COUNTY, 2024, name, "610902006004", "产业发展", "茶叶", 1_000_000, "2023-11-01", "2024-02-01",
						"汉政发〔2024〕3号", "2024-03-01", "", "中央衔接资金", 600_000, "陕财〔2024〕1号", "2024-02-10"),
				row(COUNTY, 2024, name, "610902006004", "产业发展", "茶叶", 1_000_000, "2023-11-01", "2024-02-01",
						"汉政发〔2024〕3号", "2024-03-01", "", "县级衔接资金", 400_000, "汉财〔2024〕2号", "2024-02-12"));
		JSONObject checked = checked(token, "PROJECTS", "项目.xlsx", workbook("项目资金", rows));
		assertThat(checked.getString("status")).as(checked.toString()).isEqualTo("CHECKED");
		assertThat(checked.getInt("toCreate")).isEqualTo(1);
		assertThat(committed(token, checked).getString("status")).isEqualTo("COMMITTED");
		assertThat(this.jdbc.sql("""
				select p.status || ' ' || (select count(*) from project_step s where s.project_id = p.id) || ' '
				       || (select sum(planned_fen) from fund_allocation a where a.project_id = p.id)
				from project p where p.name = :name""").param("name", name).query(String.class).single())
			.isEqualTo("IN_PROGRESS 3 100000000");
		assertThat(checked(token, "PROJECTS", "项目.xlsx", workbook("项目资金", rows)).getInt("unchanged")).isEqualTo(1);

		// completed, with more county money: one project changed, its next step added
		List<List<Object>> later = List.of(PROJECTS,
				row(COUNTY, 2024, name, "610902006004", "产业发展", "茶叶", 1_100_000, "2023-11-01", "2024-02-01",
						"汉政发〔2024〕3号", "2024-03-01", "2024-10-30", "中央衔接资金", 600_000, "陕财〔2024〕1号", "2024-02-10"),
				row(COUNTY, 2024, name, "610902006004", "产业发展", "茶叶", 1_100_000, "2023-11-01", "2024-02-01",
						"汉政发〔2024〕3号", "2024-03-01", "2024-10-30", "县级衔接资金", 500_000, "汉财〔2024〕9号", "2024-06-12"));
		JSONObject advanced = checked(token, "PROJECTS", "项目-完工.xlsx", workbook("项目资金", later));
		assertThat(advanced.getInt("toChange")).isEqualTo(1);
		assertThat(findings(token, advanced.getString("id"), "CHANGE")).extracting((f) -> f.getString("column"))
			.contains("计划投资", "完工日期", "县级衔接资金 安排金额");
		assertThat(committed(token, advanced).getString("status")).isEqualTo("COMMITTED");

		List<List<Object>> spending = List.of(SPENDING,
				row(COUNTY, 2024, name, "中央衔接资金", 350_000, "2024-04-01", "记-01"),
				row(COUNTY, 2024, name, "县级衔接资金", 200_000, "2024-05-01", "记-02"));
		JSONObject paid = checked(token, "PROJECT_SPENDING", "支出.xlsx", workbook("资金支出", spending));
		assertThat(paid.getInt("toCreate")).isEqualTo(2);
		assertThat(committed(token, paid).getString("status")).isEqualTo("COMMITTED");
		assertThat(this.jdbc
			.sql("""
					select sum(a.spent_fen) from fund_allocation a join project p on p.id = a.project_id where p.name = :name""")
			.param("name", name)
			.query(Long.class)
			.single()).isEqualTo(55_000_000L);
		assertThat(checked(token, "PROJECT_SPENDING", "支出.xlsx", workbook("资金支出", spending)).getInt("unchanged"))
			.isEqualTo(2);

		// a voucher changed, a payment beyond the allocation, a step rewritten: refused
		// row by row
		List<List<Object>> wrong = List.of(SPENDING, row(COUNTY, 2024, name, "中央衔接资金", 360_000, "2024-04-01", "记-01"),
				row(COUNTY, 2024, name, "中央衔接资金", 300_000, "2024-06-01", "记-03"),
				row(COUNTY, 2024, "没有的项目", "中央衔接资金", 1, "2024-06-01", "记-04"));
		JSONObject refused = checked(token, "PROJECT_SPENDING", "支出-错.xlsx", workbook("资金支出", wrong));
		assertThat(findings(token, refused.getString("id"), "PROBLEM"))
			.extracting((p) -> p.getInt("row") + " " + p.getString("code"))
			.containsExactly("2 spending.immutable", "3 spending.exceedsAllocation", "4 spending.unknownProject");
		List<List<Object>> rewritten = List.of(PROJECTS, row(COUNTY, 2024, name, "610902006004", "产业发展", "茶叶",
				1_100_000, "2023-11-01", "2024-02-05", "汉政发〔2024〕3号", "2024-03-01", "2024-10-30", "", "", "", ""));
		JSONObject stepRefused = checked(token, "PROJECTS", "项目-改.xlsx", workbook("项目资金", rewritten));
		assertThat(findings(token, stepRefused.getString("id"), "PROBLEM")).extracting((p) -> p.getString("code"))
			.containsExactly("project.stepRecorded");
	}

}
