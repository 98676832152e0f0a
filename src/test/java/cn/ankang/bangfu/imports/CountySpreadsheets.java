package cn.ankang.bangfu.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.ankang.bangfu.shared.values.Labels;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One county's spreadsheets, generated from a world of records with SQL written here, in
 * the templates' columns: unit pairings, households and their members, measures, cadres'
 * postings, projects with their funds, and spending. {@link MovingInTests} generates them
 * from the demo data and sends them into a service holding the areas alone.
 */
abstract class CountySpreadsheets {

	/** The world the spreadsheets are generated from: the demo service's database. */
	JdbcClient jdbc;

	static final String COUNTY = "610902";

	byte[] units() {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("帮扶单位名称", "单位层级", "单位类型", "所属县代码", "结对村代码", "结对开始日期", "结对结束日期"));
		this.jdbc.sql("""
				select u.name, u.level, u.kind, c.code as county, v.code as village, p.started_on, p.ended_on
				from assistance_unit u left join county c on c.id = u.county_id
				left join unit_pairing p on p.unit_id = u.id left join village v on v.id = p.village_id
				order by u.id, p.started_on, p.id""")
			.query()
			.listOfRows()
			.forEach((row) -> rows.add(values(row.get("name"), Labels.of("unitLevel", (String) row.get("level")),
					Labels.of("unitKind", (String) row.get("kind")), row.get("county"), row.get("village"),
					row.get("started_on"), row.get("ended_on"))));
		return ImportTestSupport.workbook("结对帮扶", rows);
	}

	byte[] households(Map<String, String> phones) {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("村代码", "户编号", "户主姓名", "姓名", "证件号码", "与户主关系", "性别", "出生日期", "监测对象类别", "风险类型", "识别纳入时间",
				"风险消除时间", "家庭人均纯收入", "收入年度", "联系电话"));
		this.jdbc.sql("""
				select v.code as village, h.id, h.head_name, h.head_id_number, m.name, m.id_number, m.relation,
				       m.gender, m.birth_date, h.category, array_to_string(h.risk_types, ',') as risks, h.identified_on,
				       h.risk_eliminated_on, h.head_phone, i.year, i.per_capita_income_fen
				from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
				join county c on c.id = t.county_id
				join household_member m on m.household_id = h.id and m.status = 'PRESENT'
				left join lateral (select year, per_capita_income_fen from household_income
				                   where household_id = h.id order by year desc limit 1) i on true
				where c.code = :county and h.status in ('MONITORING', 'RISK_ELIMINATED')
				order by h.id, (m.relation = 'HEAD') desc, m.id""")
			.param("county", COUNTY)
			.query()
			.listOfRows()
			.forEach((row) -> {
				List<String> risks = new ArrayList<>();
				for (String risk : ((String) row.get("risks")).split(",")) {
					if (!risk.isEmpty()) {
						risks.add(Labels.of("riskType", risk));
					}
				}
				Object income = (row.get("per_capita_income_fen") != null)
						? BigDecimal.valueOf((Long) row.get("per_capita_income_fen"), 2) : null;
				rows.add(values(row.get("village"), row.get("id").toString(), row.get("head_name"), row.get("name"),
						row.get("id_number"), Labels.of("relation", (String) row.get("relation")),
						Labels.of("gender", (String) row.get("gender")), row.get("birth_date"),
						Labels.of("category", (String) row.get("category")), String.join("、", risks),
						row.get("identified_on"), row.get("risk_eliminated_on"), income,
						(income != null) ? row.get("year") : null,
						phones.getOrDefault((String) row.get("head_id_number"), (String) row.get("head_phone"))));
			});
		return ImportTestSupport.workbook("监测户成员", rows);
	}

	byte[] measures() {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("户主证件号码", "措施类型", "措施内容", "开始日期", "结束日期", "帮扶成效", "成效日期"));
		this.jdbc.sql("""
				select h.head_id_number, a.type, a.description, a.started_on, a.ended_on, a.result, a.result_on
				from assistance_measure a join household h on h.id = a.household_id
				join village v on v.id = h.village_id join town t on t.id = v.town_id
				join county c on c.id = t.county_id
				where c.code = :county and h.status in ('MONITORING', 'RISK_ELIMINATED') order by a.id""")
			.param("county", COUNTY)
			.query()
			.listOfRows()
			.forEach((row) -> rows.add(values(row.get("head_id_number"),
					Labels.of("measureType", (String) row.get("type")), row.get("description"), row.get("started_on"),
					row.get("ended_on"), row.get("result"), row.get("result_on"))));
		return ImportTestSupport.workbook("帮扶措施", rows);
	}

	byte[] cadres() {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("姓名", "性别", "手机号码", "派出单位", "驻村村代码", "驻村职务", "驻村开始日期", "驻村结束日期"));
		this.jdbc
			.sql("""
					select d.name, d.gender, d.phone, u.name as unit, v.code as village, p.role, p.started_on, p.ended_on
					from posting p join cadre d on d.id = p.cadre_id join assistance_unit u on u.id = d.dispatching_unit_id
					join village v on v.id = p.village_id join town t on t.id = v.town_id join county c on c.id = t.county_id
					where c.code = :county order by d.id, p.started_on""")
			.param("county", COUNTY)
			.query()
			.listOfRows()
			.forEach((row) -> rows.add(values(row.get("name"), Labels.of("gender", (String) row.get("gender")),
					row.get("phone"), row.get("unit"), row.get("village"),
					Labels.of("cadreRole", (String) row.get("role")), row.get("started_on"), row.get("ended_on"))));
		return ImportTestSupport.workbook("驻村干部", rows);
	}

	/**
	 * The county's projects with their funds. Projects recorded before steps were kept
	 * have their status alone; their steps are written into the file as the status
	 * implies, dated within the project's year, so that they stand as they did at its
	 * end.
	 */
	byte[] projects() {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("县代码", "年度", "项目名称", "村代码", "乡镇代码", "项目类别", "产业类型", "实施单位", "计划投资", "受益户数", "受益人数", "入库日期",
				"批复日期", "批复文号", "开工日期", "完工日期", "验收日期", "验收文号", "移交日期", "移交文号", "资金来源", "安排金额", "资金文号", "下达日期"));
		List<String> order = List.of("PIPELINE", "APPROVED", "IN_PROGRESS", "COMPLETED", "ACCEPTED",
				"ASSETS_HANDED_OVER");
		this.jdbc
			.sql("""
					select p.id, p.year, p.name, v.code as village, t.code as town, p.category, p.industry,
					       u.name as unit, p.planned_fen, p.beneficiary_households, p.beneficiary_people, p.status,
					       a.source, a.planned_fen as allocated, a.document_number, a.allocated_on,
					       coalesce((select array_agg(s.to_status || '|' || s.occurred_on || '|' || coalesce(s.document_number, '')
					                                  order by s.occurred_on, s.id)
					                 from project_step s where s.project_id = p.id), '{}') as steps
					from project p join county c on c.id = p.county_id left join village v on v.id = p.village_id
					left join town t on t.id = p.town_id left join assistance_unit u on u.id = p.implementing_unit_id
					left join fund_allocation a on a.project_id = p.id
					where c.code = :county order by p.id, a.source""")
			.param("county", COUNTY)
			.query()
			.listOfRows()
			.forEach((row) -> {
				Map<String, Object[]> steps = new HashMap<>();
				try {
					for (String step : (String[]) ((java.sql.Array) row.get("steps")).getArray()) {
						String[] parts = step.split("\\|", -1);
						steps.put(parts[0], new Object[] { LocalDate.parse(parts[1]), parts[2] });
					}
				}
				catch (java.sql.SQLException ex) {
					throw new IllegalStateException(ex);
				}
				int year = ((Number) row.get("year")).intValue();
				int reached = order.indexOf((String) row.get("status"));
				LocalDate[] implied = { LocalDate.of(year - 1, 11, 1), LocalDate.of(year, 1, 15),
						LocalDate.of(year, 3, 1), LocalDate.of(year, 10, 31), LocalDate.of(year, 11, 30),
						LocalDate.of(year, 12, 20) };
				List<Object> dates = new ArrayList<>();
				for (int i = 0; i < order.size(); i++) {
					Object[] step = steps.get(order.get(i));
					LocalDate on = (step != null) ? (LocalDate) step[0]
							: (steps.isEmpty() && i <= reached) ? implied[i] : null;
					String document = (step != null && !((String) step[1]).isEmpty()) ? (String) step[1]
							: (on != null) ? "示例〔" + year + "〕" + i + "号" : null;
					dates.add(on);
					if (i == 1 || i == 4 || i == 5) {
						dates.add(document);
					}
				}
				List<Object> values = values(COUNTY, year, row.get("name"), row.get("village"),
						(row.get("village") == null) ? row.get("town") : null,
						Labels.of("projectCategory", (String) row.get("category")),
						(row.get("industry") != null) ? Labels.of("industry", (String) row.get("industry")) : null,
						row.get("unit"), BigDecimal.valueOf((Long) row.get("planned_fen"), 2),
						row.get("beneficiary_households"), row.get("beneficiary_people"));
				values.addAll(dates);
				values.addAll(values(
						(row.get("source") != null) ? Labels.of("fundSource", (String) row.get("source")) : null,
						(row.get("allocated") != null) ? BigDecimal.valueOf((Long) row.get("allocated"), 2) : null,
						row.get("document_number"), row.get("allocated_on")));
				rows.add(values);
			});
		return ImportTestSupport.workbook("项目资金", rows);
	}

	byte[] spending() {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("县代码", "年度", "项目名称", "资金来源", "支出金额", "支出日期", "凭证号"));
		this.jdbc.sql("""
				select p.year, p.name, s.source, s.amount_fen, s.spent_on, s.voucher_number
				from project_spending s join project p on p.id = s.project_id join county c on c.id = p.county_id
				where c.code = :county order by s.id""")
			.param("county", COUNTY)
			.query()
			.listOfRows()
			.forEach((row) -> rows.add(values(COUNTY, row.get("year"), row.get("name"),
					Labels.of("fundSource", (String) row.get("source")),
					BigDecimal.valueOf((Long) row.get("amount_fen"), 2), row.get("spent_on"),
					row.get("voucher_number"))));
		return ImportTestSupport.workbook("资金支出", rows);
	}

	/** Cell values: SQL dates as days, the rest as they are. */
	static List<Object> values(Object... values) {
		List<Object> row = new ArrayList<>();
		for (Object value : values) {
			row.add((value instanceof java.sql.Date date) ? date.toLocalDate() : value);
		}
		return row;
	}

}
