package cn.ankang.bangfu.imports;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A round's problem list (督帮问题清单) brought in by the officers who record problems: the
 * problems recorded as the API records them (found, with the task of rectifying them),
 * the same list again changing nothing, a corrected list correcting them, and rows that
 * cannot be right or are not the uploader's refused row by row with nothing stored.
 */
class SupervisionProblemImportTests extends ImportTestSupport {

	private static final List<Object> HEADER = List.of("督帮轮次", "轮次年度", "问题编号", "地区代码", "涉及部门", "问题类别", "问题描述", "整改责任单位",
			"发现日期", "整改时限");

	private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

	@Test
	void aListRecordsProblemsWithTheirTasksOnceAndACorrectedListCorrectsThem() {
		String round = newRound();
		String token = countyOfficerToken();
		int foundBefore = problemsFound(COUNTY);
		List<List<Object>> rows = List.of(HEADER,
				row(round, "A-1", COUNTY + "006004", "教育保障", "1 户适龄儿童辍学\n未劝返", TODAY.minusDays(5), TODAY.plusDays(30)),
				row(round, "A-2", COUNTY + "006", "住房安全", "危房改造验收资料不全", TODAY.minusDays(4), TODAY.plusDays(20)),
				row(round, "A-3", COUNTY, "资金项目", "项目资金拨付滞后", TODAY.minusDays(3), TODAY.plusDays(10)));
		JSONObject checked = checked(token, "SUPERVISION_PROBLEMS", "问题清单.xlsx", workbook("督帮问题", rows));
		assertThat(checked.getString("status")).as(checked.toString()).isEqualTo("CHECKED");
		assertThat(checked.getInt("toCreate")).isEqualTo(3);
		JSONObject committed = committed(token, checked);
		assertThat(committed.getInt("created")).isEqualTo(3);
		assertThat(problemsFound(COUNTY)).isEqualTo(foundBefore + 3);
		// found, each with its task where it was found, due on its deadline, as
		// recordSupervisionProblem leaves it
		List<Map<String, Object>> stored = problems(round);
		assertThat(stored)
			.extracting((p) -> p.get("number") + " " + p.get("status") + " " + p.get("version") + " "
					+ p.get("assignee_role") + " " + p.get("due_on"))
			.containsExactly("A-1 FOUND 1 CADRE " + TODAY.plusDays(30),
					"A-2 FOUND 1 TOWN_OFFICER " + TODAY.plusDays(20),
					"A-3 FOUND 1 COUNTY_OFFICER " + TODAY.plusDays(10));
		assertThat(stored.get(0).get("description")).isEqualTo("1 户适龄儿童辍学\n未劝返");
		assertThat(history(committed.getString("id"))).isEqualTo(3);

		JSONObject again = checked(token, "SUPERVISION_PROBLEMS", "问题清单.xlsx", workbook("督帮问题", rows));
		assertThat(again.getInt("toCreate") + again.getInt("toChange")).isZero();
		assertThat(again.getInt("unchanged")).isEqualTo(3);

		List<List<Object>> corrected = new ArrayList<>(rows);
		corrected.set(2,
				row(round, "A-2", COUNTY + "006", "住房安全", "危房改造验收资料不全", TODAY.minusDays(4), TODAY.plusDays(45)));
		JSONObject change = checked(token, "SUPERVISION_PROBLEMS", "问题清单-更正.xlsx", workbook("督帮问题", corrected));
		assertThat(change.getInt("toChange")).isEqualTo(1);
		assertThat(findings(token, change.getString("id"), "CHANGE")).extracting((f) -> f.getString("column"))
			.containsExactly("整改时限");
		JSONObject changed = committed(token, change);
		assertThat(changed.getInt("changed")).isEqualTo(1);
		Map<String, Object> moved = problems(round).get(1);
		assertThat(moved).containsEntry("version", 2)
			.containsEntry("due_on", java.sql.Date.valueOf(TODAY.plusDays(45)));
		assertThat(history(changed.getString("id"))).isEqualTo(1);
		assertThat(problemsFound(COUNTY)).isEqualTo(foundBefore + 3);
	}

	@Test
	void aProblemRecordedThroughTheApiWithItsNumberIsFoundAgainByTheList() {
		String round = newRound();
		String roundId = GlobalId.of("SupervisionRound", roundKey(round));
		Map<String, Object> input = new HashMap<>(Map.of("changeId", changeId(), "roundId", roundId, "areaCode",
				COUNTY + "006", "category", "HOUSING", "description", "危房改造验收资料不全", "responsible", "某某镇人民政府", "foundOn",
				TODAY.minusDays(4).toString(), "deadline", TODAY.plusDays(20).toString(), "number", " B-7 "));
		made(send(countyOfficer(COUNTY), "recordSupervisionProblem", "RecordSupervisionProblemInput", input,
				"problem { number }"), "problem");
		assertThat(problems(round)).extracting((p) -> p.get("number")).containsExactly("B-7");
		// the number is the round's once, whoever records the next problem
		input.put("changeId", changeId());
		input.put("number", "B-7");
		assertThat(codes(send(countyOfficer(COUNTY), "recordSupervisionProblem", "RecordSupervisionProblemInput", input,
				"problem { id }")))
			.containsExactly("ALREADY_EXISTS");
		// the office's list names it: nothing new, nothing changed
		JSONObject checked = checked(countyOfficerToken(), "SUPERVISION_PROBLEMS", "问题清单.xlsx", workbook("督帮问题", List
			.of(HEADER,
					row(round, "B-7", COUNTY + "006", "住房安全", "危房改造验收资料不全", TODAY.minusDays(4), TODAY.plusDays(20)))));
		assertThat(checked.getInt("toCreate") + checked.getInt("toChange")).as(checked.toString()).isZero();
		assertThat(checked.getInt("unchanged")).isEqualTo(1);
	}

	@Test
	void rowsThatCannotBeRightOrAreNotTheUploadersAreRefusedWithNothingStored() {
		String round = newRound();
		String token = countyOfficerToken();
		List<List<Object>> rows = List.of(HEADER,
				row(round, "B-1", COUNTY + "006004", "教育保障", "辍学未劝返", TODAY.minusDays(5), TODAY.minusDays(6)),
				row("没有这一轮", "B-2", COUNTY + "006004", "教育保障", "辍学未劝返", TODAY.minusDays(5), TODAY),
				row(round, "B-3", COUNTY + "999999", "教育保障", "辍学未劝返", TODAY.minusDays(5), TODAY),
				row(round, "B-4", OTHER_COUNTY + "001001", "教育保障", "辍学未劝返", TODAY.minusDays(5), TODAY),
				row(round, "B-5", COUNTY + "006004", "教育", "辍学未劝返", TODAY.minusDays(5), TODAY),
				row(round, "B-6", COUNTY + "0060", "教育保障", "辍学未劝返", TODAY.minusDays(5), TODAY),
				row(round, "B-7", COUNTY + "006004", "教育保障", "辍学未劝返", TODAY.minusDays(40), TODAY),
				row(round, "B-8", COUNTY + "006004", "教育保障", "辍学未劝返", TODAY.minusDays(5), TODAY),
				row(round, "B-8", COUNTY + "006004", "教育保障", "辍学未劝返", TODAY.minusDays(5), TODAY));
		JSONObject checked = checked(token, "SUPERVISION_PROBLEMS", "问题清单.xlsx", workbook("督帮问题", rows));
		assertThat(checked.getString("status")).isEqualTo("REJECTED");
		assertThat(findings(token, checked.getString("id"), "PROBLEM"))
			.extracting((p) -> p.getInt("row") + " " + p.getString("code"))
			.containsExactlyInAnyOrder("2 supervision.deadlineBeforeFound", "3 supervision.unknownRound",
					"4 supervision.unknownArea", "5 row.outOfJurisdiction", "6 cell.choice", "7 supervision.areaCode",
					"8 supervision.foundOutside", "10 row.duplicate");
		assertThat(problems(round)).isEmpty();
		// another county's officer cannot touch this county's problems, nor take their
		// numbers
		String other = token("COUNTY_OFFICER", Map.of("countyCode", OTHER_COUNTY));
		JSONObject mine = checked(token, "SUPERVISION_PROBLEMS", "a.xlsx", workbook("督帮问题",
				List.of(HEADER, row(round, "C-1", COUNTY + "006004", "教育保障", "辍学未劝返", TODAY.minusDays(5), TODAY))));
		committed(token, mine);
		JSONObject theirs = checked(other, "SUPERVISION_PROBLEMS", "b.xlsx",
				workbook("督帮问题",
						List.of(HEADER,
								row(round, "C-1", OTHER_COUNTY + "001001", "教育保障", "辍学未劝返", TODAY.minusDays(5), TODAY),
								row(round, "C-2", COUNTY + "006004", "教育保障", "辍学未劝返", TODAY.minusDays(5), TODAY))));
		assertThat(findings(other, theirs.getString("id"), "PROBLEM"))
			.extracting((p) -> p.getInt("row") + " " + p.getString("code"))
			.containsExactlyInAnyOrder("2 supervision.numberElsewhere", "3 row.outOfJurisdiction");
		assertThat(problems(round)).hasSize(1);
		// a town's officer keeps their town only; cadres and developers record no
		// problems
		String town = token("TOWN_OFFICER", Map.of("townCode", COUNTY + "005"));
		JSONObject townFile = checked(town, "SUPERVISION_PROBLEMS", "c.xlsx", workbook("督帮问题",
				List.of(HEADER, row(round, "D-1", COUNTY + "006004", "教育保障", "辍学未劝返", TODAY.minusDays(5), TODAY))));
		assertThat(findings(town, townFile.getString("id"), "PROBLEM")).extracting((p) -> p.getString("code"))
			.containsExactly("row.outOfJurisdiction");
		assertThat(
				upload(token("DEVELOPER", Map.of()), "SUPERVISION_PROBLEMS", "a.csv", "督帮轮次\n".getBytes(), "text/csv")
					.statusCode())
			.isEqualTo(403);
	}

	@Test
	void aClosedProblemIsNotChangedAndNoProblemIsMoved() {
		String round = newRound();
		String token = countyOfficerToken();
		List<Object> first = row(round, "E-1", COUNTY + "006004", "饮水安全", "集中供水点水压不足", TODAY.minusDays(5),
				TODAY.plusDays(9));
		committed(token, checked(token, "SUPERVISION_PROBLEMS", "a.xlsx", workbook("督帮问题", List.of(HEADER, first))));
		this.jdbc.sql("""
				update supervision_problem set status = 'CLOSED', evidence = '已整改', rectified_on = found_on,
				       closed_on = found_on where number = 'E-1' and round_id = :round""")
			.param("round", roundKey(round))
			.update();
		JSONObject checked = checked(token, "SUPERVISION_PROBLEMS", "b.xlsx", workbook("督帮问题", List.of(HEADER,
				row(round, "E-1", COUNTY + "006004", "饮水安全", "集中供水点水压不足（已更正）", TODAY.minusDays(5), TODAY.plusDays(9)),
				row(round, "E-1", COUNTY + "006", "饮水安全", "集中供水点水压不足", TODAY.minusDays(5), TODAY.plusDays(9)))));
		assertThat(findings(token, checked.getString("id"), "PROBLEM"))
			.extracting((p) -> p.getInt("row") + " " + p.getString("code"))
			.contains("2 supervision.closed");
		assertThat(this.jdbc.sql(
				"select problem.description from supervision_problem problem where problem.number = 'E-1' and problem.round_id = :round")
			.param("round", roundKey(round))
			.query(String.class)
			.single()).isEqualTo("集中供水点水压不足");
	}

	@Test
	void theTemplateHasTheChineseHeadersAndNotes() throws Exception {
		String token = countyOfficerToken();
		java.net.http.HttpResponse<byte[]> template = download(token, "/imports/templates/SUPERVISION_PROBLEMS");
		assertThat(template.statusCode()).isEqualTo(200);
		try (org.dhatim.fastexcel.reader.ReadableWorkbook book = new org.dhatim.fastexcel.reader.ReadableWorkbook(
				new java.io.ByteArrayInputStream(template.body()))) {
			assertThat(
					book.findSheet("督帮问题").orElseThrow().read().get(0).stream().map((cell) -> cell.getText()).toList())
				.isEqualTo(HEADER);
			assertThat(book.findSheet("填写说明").orElseThrow().read().stream().map((row) -> row.toString()).toList())
				.anySatisfy((line) -> assertThat(line).contains("问题编号"));
		}
		assertThat(get(token, "/imports/kinds").body()).contains("SUPERVISION_PROBLEMS");
	}

	private static List<Object> row(String round, String number, String area, String category, String description,
			LocalDate found, LocalDate deadline) {
		List<Object> row = new ArrayList<>(
				List.of(round, TODAY.getYear() + "", number, area, "", category, description, "某某镇人民政府"));
		row.add(found);
		row.add(deadline.toString());
		return row;
	}

	/** A round the city's leader sends through the API, begun 20 days ago. */
	private String newRound() {
		Map<String, Object> input = new HashMap<>();
		input.put("changeId", changeId());
		input.put("cityCode", CITY);
		input.put("name", unique("督帮"));
		input.put("organiser", "市委农办");
		// in this year, whatever the day
		LocalDate start = TODAY.minusDays(20).getYear() == TODAY.getYear() ? TODAY.minusDays(20)
				: TODAY.withDayOfYear(1);
		input.put("startedOn", start.toString());
		input.put("endedOn", TODAY.toString());
		input.put("countyCodes", List.of(COUNTY, OTHER_COUNTY));
		Map<String, Object> round = made(
				send(cityLeader(), "createSupervisionRound", "CreateSupervisionRoundInput", input, "round { name }"),
				"round");
		return (String) round.get("name");
	}

	private long roundKey(String name) {
		return this.jdbc.sql("select id from supervision_round where name = :name")
			.param("name", name)
			.query(Long.class)
			.single();
	}

	private List<Map<String, Object>> problems(String round) {
		return this.jdbc.sql("""
				select p.number, p.status, p.version, p.description, t.assignee_role, t.due_on
				from supervision_problem p join supervision_round r on r.id = p.round_id
				left join task t on t.supervision_problem_id = p.id and t.status = 'OPEN'
				where r.name = :name order by p.number""").param("name", round).query().listOfRows();
	}

	private int history(String importId) {
		return this.jdbc.sql("""
				select count(*) from record_history
				where change_id = cast(:id as uuid) and subject_type = 'SUPERVISION_PROBLEM'""")
			.param("id", importId)
			.query(Integer.class)
			.single();
	}

	/** The county's problems found in the last 60 days, as the figure counts them. */
	private int problemsFound(String county) {
		return countyOfficer(county)
			.document("query($f: FigureFilter) { supervisionFigures(filter: $f) { total { problemsFound } } }")
			.variable("f", Map.of("countyCode", county, "from", TODAY.minusDays(60).toString(), "to", TODAY.toString()))
			.execute()
			.path("supervisionFigures.total.problemsFound")
			.entity(Integer.class)
			.get();
	}

}
