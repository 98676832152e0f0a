package cn.ankang.bangfu.imports;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The households import end to end, as a county officer moves a county's monitored
 * households in from the national system's export: checked, committed, imported again
 * unchanged, corrected; and every way a file or a row can be wrong, with nothing stored.
 */
class HouseholdImportTests extends ImportTestSupport {

	/** A village of {@link #COUNTY}. */
	private static final String VILLAGE = "610902006004";

	private String otherCountyVillage() {
		return this.jdbc.sql("""
				select v.code from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
				where c.code = :county order by v.code limit 1""")
			.param("county", OTHER_COUNTY)
			.query(String.class)
			.single();
	}

	private int households(String headId) {
		return this.jdbc.sql("select count(*) from household where head_id_number = :id")
			.param("id", headId)
			.query(Integer.class)
			.single();
	}

	@Test
	void aCountysHouseholdsAreCheckedCommittedAndImportedAgainWithoutChange() {
		String token = countyOfficerToken();
		String head = person(LocalDate.of(1968, 4, 2), true);
		String wife = person(LocalDate.of(1970, 9, 30), false);
		String other = person(LocalDate.of(1990, 1, 15), false);
		List<Object> header = new ArrayList<>(HOUSEHOLD_HEADER);
		header.add("备注");
		List<List<Object>> rows = List.of(header,
				member(VILLAGE, "李建国", "李建国", head, "户主", "边缘易致贫户", "因病、因学", LocalDate.of(2022, 6, 15),
						new BigDecimal("8650.5"), "13800000001"),
				member(VILLAGE, "李建国", "王秀英", wife, "配偶", "边缘易致贫户", "因学、因病", "2022/6/15", new BigDecimal("8650.5"),
						null),
				member(VILLAGE, "赵小红", "赵小红", other, "户主", "突发严重困难户", "因灾", "2023年3月1日", null, null));
		JSONObject checked = checked(token, "HOUSEHOLDS", "监测户.xlsx", workbook("监测户成员", rows));
		assertThat(checked.getString("status")).as(checked.toString()).isEqualTo("CHECKED");
		assertThat(checked.getInt("rowsRead")).isEqualTo(3);
		assertThat(checked.getInt("toCreate")).isEqualTo(2);
		assertThat(checked.getInt("toChange")).isZero();
		assertThat(findings(token, checked.getString("id"), "NOTICE")).singleElement()
			.satisfies((notice) -> assertThat(notice.getString("message")).contains("备注"));
		assertThat(households(head)).as("a check stores nothing").isZero();

		JSONObject committed = committed(token, checked);
		assertThat(committed.getString("status")).isEqualTo("COMMITTED");
		assertThat(committed.getInt("created")).isEqualTo(2);
		Map<String, Object> stored = this.jdbc.sql("""
				select h.status, h.category, h.risk_types::text as risks, h.member_count, h.head_phone,
				       i.per_capita_income_fen
				from household h join household_income i on i.household_id = h.id and i.year = 2023
				where h.head_id_number = :id""").param("id", head).query().singleRow();
		assertThat(stored).containsEntry("status", "MONITORING")
			.containsEntry("category", "MARGINAL_AT_RISK")
			.containsEntry("risks", "{ILLNESS,SCHOOLING_COSTS}")
			.containsEntry("member_count", 2)
			.containsEntry("head_phone", "13800000001")
			.containsEntry("per_capita_income_fen", 865050L);
		assertThat(this.jdbc
			.sql("""
					select count(*) from record_history where change_id = cast(:id as uuid) and record_type = 'HOUSEHOLD'""")
			.param("id", checked.getString("id"))
			.query(Integer.class)
			.single()).as("the import's changes are on record under its id").isEqualTo(2);

		// the same file again: nothing to do
		JSONObject again = checked(token, "HOUSEHOLDS", "监测户.xlsx", workbook("监测户成员", rows));
		assertThat(again.getInt("toCreate")).isZero();
		assertThat(again.getInt("toChange")).isZero();
		assertThat(again.getInt("unchanged")).isEqualTo(2);
		assertThat(committed(token, again).getInt("changed")).isZero();

		// a corrected file: a new phone and a child added change one household, and the
		// answer lists just that
		String child = person(LocalDate.of(2008, 5, 5), true);
		List<List<Object>> corrected = new ArrayList<>(rows);
		corrected.set(1, member(VILLAGE, "李建国", "李建国", head, "户主", "边缘易致贫户", "因病、因学", LocalDate.of(2022, 6, 15),
				new BigDecimal("8650.5"), "13900000002"));
		corrected.add(member(VILLAGE, "李建国", "李小军", child, "之子", "边缘易致贫户", "因病、因学", LocalDate.of(2022, 6, 15),
				new BigDecimal("8650.5"), null));
		JSONObject change = checked(token, "HOUSEHOLDS", "监测户-更正.xlsx", workbook("监测户成员", corrected));
		assertThat(change.getInt("toChange")).isEqualTo(1);
		assertThat(change.getInt("unchanged")).isEqualTo(1);
		List<JSONObject> differences = findings(token, change.getString("id"), "CHANGE");
		assertThat(differences).extracting((d) -> d.getString("column")).containsExactly("联系电话", "成员 李小军");
		assertThat(differences.get(0).getString("message")).contains("13800000001").contains("13900000002");
		assertThat(committed(token, change).getInt("changed")).isEqualTo(1);
		assertThat(this.jdbc.sql("select member_count from household where head_id_number = :id")
			.param("id", head)
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

	@Test
	void everyBadRowIsReportedBySheetRowAndColumnAndNothingIsStored() throws Exception {
		String token = countyOfficerToken();
		String good = person(LocalDate.of(1975, 2, 2), true);
		String duplicate = person(LocalDate.of(1980, 3, 3), false);
		String bad = good.substring(0, 17) + ((good.charAt(17) == '0') ? '1' : '0');
		List<List<Object>> rows = List.of(HOUSEHOLD_HEADER,
				member(VILLAGE, "陈一", "陈一", good, "户主", "边缘易致贫户", "因病", "2022-01-01", null, null),
				member(VILLAGE, "陈二", "陈二", bad, "户主", "边缘易致贫户", "因病", "2022-01-01", null, null),
				member(VILLAGE, "陈三", "陈三", "6.10921E+17", "户主", "边缘易致贫户", "因病", "2022-01-01", null, null),
				member(VILLAGE, "陈四", "陈四", duplicate, "户主", "边缘易致贫户", "因病", "去年", null, null),
				member(VILLAGE, "陈五", "陈五", duplicate, "户主", "困难户", "因病", "2022-01-01", null, null),
				member(VILLAGE, "陈六", "陈六", person(LocalDate.of(1960, 1, 1), true), "户主", "边缘易致贫户", "=A1", "2022-01-01",
						null, null),
				member("999999999999", "陈七", "陈七", person(LocalDate.of(1961, 1, 1), true), "户主", "边缘易致贫户", "因病",
						"2022-01-01", null, null),
				member(otherCountyVillage(), "陈八", "陈八", person(LocalDate.of(1962, 1, 1), true), "户主", "边缘易致贫户", "因病",
						"2022-01-01", null, null));
		// a CSV file as Excel on a Chinese Windows saves it: GB18030
		JSONObject checked = checked(token, "HOUSEHOLDS", "监测户.csv", csv(rows, Charset.forName("GB18030")));
		assertThat(checked.getString("status")).as(checked.toString()).isEqualTo("REJECTED");
		List<JSONObject> problems = findings(token, checked.getString("id"), "PROBLEM");
		assertThat(problems)
			.extracting((p) -> p.getInt("row") + " " + p.getString("column") + " " + p.getString("code"))
			.contains("3 证件号码 cell.idNumber", "4 证件号码 cell.idNumberAsNumber", "5 识别纳入时间 cell.date",
					"6 证件号码 row.duplicate", "6 监测对象类别 cell.choice", "7 风险类型 cell.formula", "8 村代码 row.unknownVillage",
					"9 村代码 row.outOfJurisdiction");
		assertThat(problems).allSatisfy((p) -> assertThat(p.getString("sheet")).isEqualTo("监测户.csv"));
		assertThat(problems.get(0).getString("message")).as("in Chinese").contains("证件号码");
		assertThat(households(good)).isZero();

		HttpResponse<String> commit = commit(token, checked.getString("id"), checked.getString("sha256"));
		assertThat(commit.statusCode()).isEqualTo(409);
		assertThat(new JSONObject(commit.body()).getJSONArray("errors")
			.getJSONObject(0)
			.getJSONObject("extensions")
			.getString("code")).isEqualTo("INVALID_STATE");

		// the problems come back as the file's own rows with a column added
		HttpResponse<byte[]> workbook = download(token, "/imports/" + checked.getString("id") + "/problems");
		assertThat(workbook.statusCode()).isEqualTo(200);
		List<Row> sheet = sheet(workbook.body(), "监测户.csv");
		assertThat(sheet.get(0).getCellText(HOUSEHOLD_HEADER.size())).isEqualTo("导入问题");
		assertThat(sheet.get(1).getCellText(HOUSEHOLD_HEADER.size())).isEmpty();
		assertThat(sheet.get(2).getCellText(HOUSEHOLD_HEADER.size())).contains("校验码");
		assertThat(sheet.get(2).getCellText(3)).isEqualTo(bad);
	}

	@Test
	void filesThatAreNotWhatTheySayAreRefusedWhole() throws Exception {
		String token = countyOfficerToken();
		assertRefusedFile(upload(token, "HOUSEHOLDS", "监测户.xls",
				new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 },
				XLSX), "file.xls");
		assertRefusedFile(upload(token, "HOUSEHOLDS", "监测户.xlsx", "村代码,姓名\n".getBytes(StandardCharsets.UTF_8), XLSX),
				"file.notWorkbook");
		assertRefusedFile(upload(token, "HOUSEHOLDS", "监测户.pdf", "%PDF-1.4".getBytes(StandardCharsets.UTF_8), XLSX),
				"file.type");
		assertRefusedFile(upload(token, "HOUSEHOLDS", "监测户.csv", new byte[0], "text/csv"), "file.empty");

		byte[] whole = workbook("监测户成员", List.of(HOUSEHOLD_HEADER));
		assertRejected(token, "截断.xlsx", java.util.Arrays.copyOf(whole, whole.length / 2), "file.corrupt");
		assertRejected(token, "炸弹.xlsx", ImportFiles.zipBomb(), "file.zipBomb");
		assertRejected(token, "隐藏.xlsx", ImportFiles.withHiddenSheet(HOUSEHOLD_HEADER), "file.hiddenSheet");
		assertRejected(token, "合并.xlsx", ImportFiles.withMergedCells(HOUSEHOLD_HEADER), "file.mergedCells");
		assertRejected(token, "缺列.xlsx", workbook("监测户成员", List.of(List.of("村代码", "户主姓名"), List.of(VILLAGE, "某"))),
				"file.missingColumns");
		assertRejected(token, "无数据.xlsx", whole, "file.noRows");
		assertRejected(token, "乱码.csv", new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0x80, (byte) 0x81, 0x20 },
				"file.encoding");
		List<List<Object>> many = new ArrayList<>();
		many.add(HOUSEHOLD_HEADER);
		for (int i = 0; i <= 20_000; i++) {
			many.add(List.of(VILLAGE, "某", "某", "x", "户主", "边缘易致贫户", "", "2022-01-01"));
		}
		assertRejected(token, "太多.csv", csv(many, StandardCharsets.UTF_8), "file.tooManyRows");
	}

	@Test
	void onlyOfficersOfAreasImportHouseholdsAndEachSeesOnlyTheirOwnImports() {
		String developer = token("DEVELOPER", Map.of());
		HttpResponse<String> refused = upload(developer, "HOUSEHOLDS", "a.csv", "村代码\n".getBytes(), "text/csv");
		assertThat(refused.statusCode()).isEqualTo(403);
		HttpResponse<String> anonymous = send(
				java.net.http.HttpRequest.newBuilder(uri("/imports?kind=HOUSEHOLDS&fileName=a.csv"))
					.header("Content-Type", "text/csv")
					.POST(java.net.http.HttpRequest.BodyPublishers.ofString("村代码\n")));
		assertThat(anonymous.statusCode()).isEqualTo(401);

		String token = countyOfficerToken();
		JSONObject checked = checked(token, "HOUSEHOLDS", "a.csv",
				csv(List.of(HOUSEHOLD_HEADER, member(VILLAGE, "孙一", "孙一", person(LocalDate.of(1950, 5, 5), true), "户主",
						"边缘易致贫户", "", "2022-01-01", null, null)), StandardCharsets.UTF_8));
		String other = token("COUNTY_OFFICER", Map.of("countyCode", OTHER_COUNTY));
		assertThat(get(other, "/imports/" + checked.getString("id")).statusCode()).isEqualTo(404);
		assertThat(commit(other, checked.getString("id"), checked.getString("sha256")).statusCode()).isEqualTo(404);
		assertThat(get(token, "/imports/" + checked.getString("id") + "/findings?limit=5000").statusCode())
			.as("a page larger than allowed is refused, not cut short")
			.isEqualTo(400);
	}

	@Test
	void aCommitAppliesExactlyTheCheckedFile() throws Exception {
		String token = countyOfficerToken();
		String head = person(LocalDate.of(1966, 6, 6), true);
		byte[] file = csv(
				List.of(HOUSEHOLD_HEADER,
						member(VILLAGE, "周一", "周一", head, "户主", "边缘易致贫户", "因病", "2022-01-01", null, null)),
				StandardCharsets.UTF_8);
		JSONObject checked = checked(token, "HOUSEHOLDS", "a.csv", file);
		HttpResponse<String> wrong = commit(token, checked.getString("id"), "0".repeat(64));
		assertThat(wrong.statusCode()).isEqualTo(422);
		assertThat(wrong.body()).contains("file.notConfirmed");

		// the stored file changed under the check: refused, nothing stored
		java.nio.file.Path stored = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "bangfu-test-imports",
				checked.getString("id"));
		java.nio.file.Files.writeString(stored, "村代码\n", StandardCharsets.UTF_8,
				java.nio.file.StandardOpenOption.APPEND);
		assertThat(commit(token, checked.getString("id"), checked.getString("sha256")).statusCode()).isEqualTo(200);
		JSONObject failed = await(token, checked.getString("id"));
		assertThat(failed.getString("status")).isEqualTo("FAILED");
		assertThat(failed.getString("messageKey")).isEqualTo("file.changed");
		assertThat(households(head)).isZero();
	}

	@Test
	void twoOfficersCommittingOverlappingFilesStoreEachHouseholdOnce() throws Exception {
		String one = countyOfficerToken();
		String two = token("TOWN_OFFICER", Map.of("townCode", "610902006"));
		String head = person(LocalDate.of(1972, 7, 7), false);
		byte[] file = csv(
				List.of(HOUSEHOLD_HEADER,
						member(VILLAGE, "吴一", "吴一", head, "户主", "边缘易致贫户", "因病", "2022-01-01", null, null)),
				StandardCharsets.UTF_8);
		JSONObject first = checked(one, "HOUSEHOLDS", "a.csv", file);
		JSONObject second = checked(two, "HOUSEHOLDS", "b.csv", file);
		assertThat(first.getInt("toCreate")).isEqualTo(1);
		assertThat(second.getInt("toCreate")).isEqualTo(1);
		CompletableFuture<JSONObject> a = CompletableFuture.supplyAsync(() -> committedOrFailed(one, first));
		CompletableFuture<JSONObject> b = CompletableFuture.supplyAsync(() -> committedOrFailed(two, second));
		List<String> outcomes = List.of(a.get().getString("status"), b.get().getString("status"));
		assertThat(outcomes).containsExactlyInAnyOrder("COMMITTED", "FAILED");
		assertThat(households(head)).isEqualTo(1);
		JSONObject failed = a.get().getString("status").equals("FAILED") ? a.get() : b.get();
		assertThat(failed.getString("messageKey")).isEqualTo("import.stale");
	}

	@Test
	void anImportCanBeCancelledBeforeItIsCommitted() {
		String token = countyOfficerToken();
		JSONObject checked = checked(token, "HOUSEHOLDS", "a.csv",
				csv(List.of(HOUSEHOLD_HEADER, member(VILLAGE, "郑一", "郑一", person(LocalDate.of(1955, 5, 5), true), "户主",
						"边缘易致贫户", "", "2022-01-01", null, null)), StandardCharsets.UTF_8));
		HttpResponse<String> cancelled = post(token, "/imports/" + checked.getString("id") + "/cancel", "{}");
		assertThat(cancelled.statusCode()).isEqualTo(200);
		assertThat(new JSONObject(cancelled.body()).getString("status")).isEqualTo("CANCELLED");
		assertThat(commit(token, checked.getString("id"), checked.getString("sha256")).statusCode()).isEqualTo(409);
	}

	@Test
	void theTemplateHasChineseHeadersDropdownsAndNotes() throws Exception {
		String token = countyOfficerToken();
		HttpResponse<byte[]> template = download(token, "/imports/templates/HOUSEHOLDS");
		assertThat(template.statusCode()).isEqualTo(200);
		List<Row> data = sheet(template.body(), "监测户成员");
		assertThat(data.get(0).getCellText(0)).isEqualTo("村代码");
		assertThat(data.get(0).stream().map((cell) -> cell.getText()).toList()).contains("户主姓名", "证件号码", "与户主关系",
				"监测对象类别", "风险类型", "识别纳入时间", "风险消除时间", "家庭人均纯收入");
		assertThat(sheet(template.body(), "填写说明")).isNotEmpty();
		assertThat(sheet(template.body(), "示例").get(1).stream().map((cell) -> cell.getText()).toList()).contains("户主");
		assertThat(ImportFiles.part(template.body(), "xl/worksheets/sheet1.xml")).contains("<dataValidation")
			.contains("<formula1>");
		// the kinds the officer may import, with the template of each
		HttpResponse<String> kinds = get(token, "/imports/kinds");
		assertThat(kinds.body()).contains("HOUSEHOLDS").contains("监测户及家庭成员").contains("/imports/templates/HOUSEHOLDS");
	}

	private JSONObject committedOrFailed(String token, JSONObject checked) {
		HttpResponse<String> response = commit(token, checked.getString("id"), checked.getString("sha256"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return await(token, checked.getString("id"));
	}

	private void assertRejected(String token, String fileName, byte[] body, String reason) {
		HttpResponse<String> response = upload(token, "HOUSEHOLDS", fileName, body,
				fileName.endsWith(".csv") ? "text/csv" : XLSX);
		assertThat(response.statusCode()).as(fileName + ": " + response.body()).isEqualTo(202);
		JSONObject status = await(token, new JSONObject(response.body()).getString("id"));
		assertThat(status.getString("status")).as(fileName).isEqualTo("REJECTED");
		assertThat(status.getString("messageKey")).as(fileName).isEqualTo(reason);
		assertThat(status.getString("message")).as(fileName).isNotBlank();
	}

	private static void assertRefusedFile(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		JSONObject extensions = new JSONObject(response.body()).getJSONArray("errors")
			.getJSONObject(0)
			.getJSONObject("extensions");
		assertThat(extensions.getString("code")).isEqualTo("INVALID_FILE");
		assertThat(extensions.getString("reason")).isEqualTo(reason);
	}

	private static List<Row> sheet(byte[] workbook, String name) throws Exception {
		try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(workbook))) {
			return book.findSheet(name).orElseThrow().read();
		}
	}

}
