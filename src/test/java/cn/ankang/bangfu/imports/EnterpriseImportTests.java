package cn.ankang.bangfu.imports;

import java.util.ArrayList;
import java.util.List;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger of bodies that drive households (带动主体台账) moved in from a spreadsheet by a
 * county officer: bodies and their years created, then changed by a later file, counts
 * that cannot be and places outside the officer's county refused with nothing stored.
 */
class EnterpriseImportTests extends ImportTestSupport {

	private static final List<Object> HEADER = List.of("县代码", "主体名称", "主体类型", "产业类型", "乡镇代码", "村代码", "登记日期", "关闭日期",
			"年度", "带动方式", "带动脱贫户数", "带动脱贫人口", "用工人数", "其中脱贫劳动力", "其中监测对象");

	private static List<Object> row(Object... values) {
		return new ArrayList<>(List.of(values));
	}

	@Test
	void bodiesAndTheirYearsMoveInAndALaterFileChangesThem() {
		String token = countyOfficerToken();
		String cooperative = unique("茶业专业合作社");
		String factory = unique("社区工厂");
		List<List<Object>> rows = List.of(HEADER,
				row(COUNTY, cooperative, "合作社", "茶叶", "", COUNTY + "006004", "2019-04-01", "", 2022, "订单生产、收益分红", 30,
						95, 12, 6, 1),
				row(COUNTY, cooperative, "合作社", "茶叶", "", COUNTY + "006004", "2019-04-01", "", 2023, "订单生产、收益分红", 36,
						118, 15, 7, 1),
				row(COUNTY, factory, "社区工厂", "社区工厂", COUNTY + "006", "", "2021-08-01", "", 2023, "产业用工", 20, 20, 48, 20,
						3));
		JSONObject checked = checked(token, "ENTERPRISES", "带动主体.xlsx", workbook("带动主体", rows));
		assertThat(checked.getString("status")).as(checked.toString()).isEqualTo("CHECKED");
		assertThat(checked.getInt("toCreate")).isEqualTo(2);
		assertThat(committed(token, checked).getString("status")).isEqualTo("COMMITTED");
		assertThat(this.jdbc.sql("""
				select string_agg(e.kind || ' ' || y.year || ' ' || y.linked_people || ' ' || y.workers
				                  || ' ' || array_to_string(y.modes, ','), '; ' order by e.kind, y.year)
				from enterprise e join enterprise_year y on y.enterprise_id = e.id where e.name in (:a, :b)""")
			.param("a", cooperative)
			.param("b", factory)
			.query(String.class)
			.single())
			.isEqualTo("COMMUNITY_FACTORY 2023 20 48 EMPLOYMENT; COOPERATIVE 2022 95 12 DIVIDEND,ORDER_PRODUCTION; "
					+ "COOPERATIVE 2023 118 15 DIVIDEND,ORDER_PRODUCTION");
		assertThat(checked(token, "ENTERPRISES", "带动主体.xlsx", workbook("带动主体", rows)).getInt("unchanged")).isEqualTo(2);
		// 2023 corrected, the factory closed
		List<List<Object>> later = List.of(HEADER,
				row(COUNTY, cooperative, "合作社", "茶叶", "", COUNTY + "006004", "2019-04-01", "", 2023, "订单生产、收益分红", 36,
						120, 15, 7, 1),
				row(COUNTY, factory, "社区工厂", "社区工厂", COUNTY + "006", "", "2021-08-01", "2023-12-31", 2023, "产业用工", 20,
						20, 48, 20, 3));
		JSONObject changed = checked(token, "ENTERPRISES", "带动主体-更正.xlsx", workbook("带动主体", later));
		assertThat(changed.getInt("toChange")).as(changed.toString()).isEqualTo(2);
		assertThat(committed(token, changed).getString("status")).isEqualTo("COMMITTED");
		assertThat(this.jdbc
			.sql("""
					select y.linked_people || ' ' || y.version from enterprise e join enterprise_year y on y.enterprise_id = e.id
					where e.name = :a and y.year = 2023""")
			.param("a", cooperative)
			.query(String.class)
			.single()).isEqualTo("120 2");
		assertThat(this.jdbc.sql("select closed_on::text from enterprise where name = :b")
			.param("b", factory)
			.query(String.class)
			.single()).isEqualTo("2023-12-31");
	}

	@Test
	void countsThatCannotBeAndPlacesOutsideTheCountyAreProblemsAndNothingIsStored() {
		String token = countyOfficerToken();
		String name = unique("合作社");
		List<List<Object>> rows = List.of(HEADER,
				row(COUNTY, name, "合作社", "魔芋", "", COUNTY + "006004", "2019-04-01", "", 2023, "订单生产", 10, 150, 5, 1, 0),
				row(COUNTY, unique("企业"), "农业企业", "生猪", "", COUNTY + "006004", "2019-04-01", "", 2023, "产业用工", 10, 30,
						5, 6, 0),
				row(COUNTY, unique("企业"), "农业企业", "生猪", "", COUNTY + "006004", "2019-04-01", "2018-01-01", 2023, "", 0,
						0, 5, 1, 0),
				row(COUNTY, unique("农场"), "家庭农场", "茶叶", "", OTHER_COUNTY + "001001", "2019-04-01", "", 2023, "订单生产", 3,
						9, 2, 1, 0),
				row(OTHER_COUNTY, unique("农场"), "家庭农场", "茶叶", "", OTHER_COUNTY + "001001", "2019-04-01", "", 2023,
						"订单生产", 3, 9, 2, 1, 0));
		JSONObject checked = checked(token, "ENTERPRISES", "带动主体-错.xlsx", workbook("带动主体", rows));
		assertThat(checked.getString("status")).as(checked.toString()).isEqualTo("REJECTED");
		assertThat(findings(token, checked.getString("id"), "PROBLEM"))
			.extracting((f) -> f.getInt("row") + " " + f.getString("code"))
			.containsExactlyInAnyOrder("2 enterprise.PEOPLE_IMPLAUSIBLE", "3 enterprise.OUT_OF_POVERTY_ABOVE_WORKERS",
					"4 cell.dateRange", "4 enterprise.yearOutside", "5 project.placeNotInCounty",
					"6 row.outOfJurisdiction");
		assertThat(this.jdbc.sql("select count(*) from enterprise where name = :name")
			.param("name", name)
			.query(Integer.class)
			.single()).isZero();
	}

}
