package cn.ankang.bangfu.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.demo.DemoFigures;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Downloads of saved views, figures and visits, as CSV Excel reads and as .xlsx, each of
 * what the downloader may see.
 */
class ExportTests extends ApiTestSupport {

	private static final String BY_COUNTY = """
			{ monitoringFigures(filter: {year: 2023}, groupBy: [COUNTY]) {
			  total { households people } groups { keys { dimension value label } households people } } }""";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void aSavedViewDownloadsAsCsvThatExcelReadsWithTheTotalLast() throws Exception {
		String name = "按县监测户-" + UUID.randomUUID();
		String id = this.graphQl.document("""
				mutation($input: SaveViewInput!) { saveView(input: $input) { view { id } } }""")
			.variable("input", Map.of("name", name, "document", BY_COUNTY))
			.execute()
			.path("saveView.view.id")
			.entity(String.class)
			.get();
		HttpResponse<byte[]> response = get("/exports/views/" + id + "?format=csv", "demo-leader");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"monitoringFigures_2023_county_%s.csv\"; filename*=UTF-8''%s"
				.formatted(today, URLEncoder.encode(name + "_按县区_" + today + ".csv", StandardCharsets.UTF_8)));
		byte[] body = response.body();
		assertThat(new byte[] { body[0], body[1], body[2] }).containsExactly(0xEF, 0xBB, 0xBF);
		List<String> lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).lines().toList();
		assertThat(lines.get(0)).isEqualTo("县区,监测户,监测人口");
		assertThat(lines).hasSize(1 + 10 + 1);
		assertThat(lines.get(lines.size() - 1))
			.isEqualTo("合计,%d,%d".formatted(DemoFigures.HOUSEHOLDS, DemoFigures.PEOPLE));
		assertThat(lines).anyMatch((line) -> line.startsWith("汉滨区,"));
	}

	@Test
	void aFigureDownloadsAsXlsxAndWithinTheDownloadersJurisdiction() throws Exception {
		HttpResponse<byte[]> xlsx = post("/exports?format=xlsx", Map.of("query", BY_COUNTY), "demo-county");
		assertThat(xlsx.statusCode()).isEqualTo(200);
		String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);
		assertThat(xlsx.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((disposition) -> assertThat(disposition).endsWith("filename*=UTF-8''"
					+ URLEncoder.encode("2023年防返贫监测_按县区_" + today + ".xlsx", StandardCharsets.UTF_8)));
		Map<String, String> entries = unzip(xlsx.body());
		assertThat(entries).containsKeys("[Content_Types].xml", "xl/workbook.xml");
		String strings = entries.getOrDefault("xl/sharedStrings.xml", "")
				+ entries.values().stream().filter((text) -> text.contains("<sheetData")).findFirst().orElse("");
		// the XML writes Chinese as character references
		strings = java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);")
			.matcher(strings)
			.replaceAll((match) -> new String(Character.toChars(Integer.parseInt(match.group(1), 16))));
		assertThat(strings).contains("合计").contains("汉滨区").doesNotContain("汉阴县");
		HttpResponse<byte[]> csv = post("/exports", Map.of("query", BY_COUNTY), "demo-county");
		assertThat(new String(csv.body(), StandardCharsets.UTF_8).lines()).hasSize(1 + 1 + 1);
	}

	@Test
	void visitsStreamFromTheDatabaseWithinTheJurisdiction() throws Exception {
		int expected = sqlInt("""
				select count(*) from visit vi
				where vi.replaced_by is null
				  and (vi.occurred_at at time zone 'Asia/Shanghai')::date between '2023-01-01' and '2023-12-31'
				  and (vi.village_id in (select p.village_id from posting p join app_user u on u.cadre_id = p.cadre_id
				                         where u.username = 'demo-secretary' and p.ended_on is null)
				       or vi.cadre_id = (select cadre_id from app_user where username = 'demo-secretary'))""");
		HttpResponse<byte[]> response = get("/exports/visits?from=2023-01-01&to=2023-12-31", "demo-secretary");
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> lines = new String(response.body(), StandardCharsets.UTF_8).lines().toList();
		assertThat(expected).isPositive();
		assertThat(lines).hasSize(1 + expected);
		assertThat(lines.get(0)).isEqualTo("\uFEFF走访编号,县区,镇,村,驻村干部,走访类型,走访时间,农户编号,收入变化,待核查原因,版本");
		// codes by their Chinese names, times in Beijing time to the second
		assertThat(lines.subList(1, lines.size()))
			.allSatisfy((line) -> assertThat(line).doesNotContain("HOUSEHOLD_VISIT", "STABLE", "FAR_FROM_VILLAGE")
				.containsPattern(",(入户走访|村民会议|项目查看|其他),2023-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,"));
	}

	@Test
	void aFigureDownloadsAsAWorkbookOfTypedCellsUnderChineseHeads() throws Exception {
		String document = """
				query($filter: FigureFilter) { fundFigures(filter: $filter, groupBy: [COUNTY]) {
				  total { allocated spent spendingRate projects }
				  groups { keys { label } allocated spent spendingRate projects } } }""";
		Map<String, Object> variables = Map.of("filter", Map.of("year", 2023));
		String allocated = as("demo-leader").document(document)
			.variable("filter", variables.get("filter"))
			.execute()
			.path("fundFigures.total.allocated")
			.entity(String.class)
			.get();
		HttpResponse<byte[]> xlsx = post("/exports?format=xlsx", Map.of("query", document, "variables", variables),
				"demo-leader");
		assertThat(xlsx.statusCode()).isEqualTo(200);
		String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);
		assertThat(xlsx.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"fundFigures_2023_county_%s.xlsx\"; filename*=UTF-8''%s".formatted(today,
					URLEncoder.encode("2023年资金投入_按县区_" + today + ".xlsx", StandardCharsets.UTF_8)));
		try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()),
				new ReadingOptions(true, false))) {
			List<Row> rows = workbook.getFirstSheet().read();
			assertThat(rows.get(0).stream().map(Cell::getText).toList()).containsExactly("县区", "计划投入", "已支出", "支出进度",
					"项目数");
			assertThat(rows).hasSize(1 + 10 + 1);
			Row county = rows.get(1);
			assertThat(county.getCell(0).getType()).isEqualTo(CellType.STRING);
			assertThat(county.getCell(1).getType()).isEqualTo(CellType.NUMBER);
			assertThat(county.getCell(1).getDataFormatString()).isEqualTo("#,##0.00");
			assertThat(county.getCell(3).getType()).isEqualTo(CellType.NUMBER);
			assertThat(county.getCell(3).getDataFormatString()).isEqualTo("0.0%");
			assertThat(county.getCell(4).getDataFormatString()).isEqualTo("#,##0");
			Row total = rows.get(rows.size() - 1);
			assertThat(total.getCell(0).getText()).isEqualTo("合计");
			assertThat(total.getCell(1).asNumber()).isEqualByComparingTo(allocated);
		}
		String sheet = TableWriterTests.unzip(xlsx.body()).get("xl/worksheets/sheet1.xml");
		assertThat(sheet).contains("state=\"frozen\"").contains("<autoFilter ref=\"A1:E12\"");
	}

	/**
	 * A list longer than a page comes whole: the download pages through the connection
	 * (its own 'first' of 7 notwithstanding), each household once, as many as it counts.
	 */
	@Test
	void aConnectionDownloadsWholePageAfterPageEachRowOnce() throws Exception {
		String document = """
				query($filter: HouseholdFilter) { households(first: 7, filter: $filter) {
				  totalCount edges { node { id headName headIdNumber category identifiedOn village { name } } } } }""";
		Map<String, Object> variables = Map.of("filter", Map.of("countyCode", "610902"));
		int total = as("demo-county").document(document)
			.variable("filter", variables.get("filter"))
			.execute()
			.path("households.totalCount")
			.entity(Integer.class)
			.get();
		assertThat(total).isGreaterThan(250);
		HttpResponse<byte[]> csv = post("/exports", Map.of("query", document, "variables", variables), "demo-county");
		assertThat(csv.statusCode()).isEqualTo(200);
		String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((disposition) -> assertThat(disposition)
				.endsWith(URLEncoder.encode("防返贫监测对象_" + today + ".csv", StandardCharsets.UTF_8)));
		List<CSVRecord> records;
		try (CSVParser parser = CSVParser.parse(new String(csv.body(), StandardCharsets.UTF_8).substring(1),
				CSVFormat.EXCEL)) {
			records = parser.getRecords();
		}
		assertThat(records.get(0).toList()).containsExactly("编号", "户主姓名", "身份证号", "监测对象类别", "识别纳入日期", "村");
		List<CSVRecord> rows = records.subList(1, records.size());
		assertThat(rows).hasSize(total);
		assertThat(rows.stream().map((row) -> row.get(0)).distinct().count()).isEqualTo(total);
		// the county officer is responsible for them: ID numbers in full, kept as text
		assertThat(rows).allSatisfy((row) -> {
			assertThat(row.get(2)).matches("=\"\\d{17}[\\dX]\"|\\d{17}X");
			assertThat(row.get(3)).isIn("脱贫不稳定户", "边缘易致贫户", "突发严重困难户");
			assertThat(row.get(4)).matches("\\d{4}-\\d\\d-\\d\\d");
		});
	}

	@Test
	void aListOfPagesInsideEachRowIsRefusedBeforeAnythingIsWritten() throws Exception {
		HttpResponse<byte[]> refused = post("/exports", Map.of("query", """
				{ county(code: "610902") { towns { name villages(first: 5) { edges { node { name } } } } } }"""),
				"demo-county");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.headers().firstValue("Content-Disposition")).isEmpty();
		String body = new String(refused.body(), StandardCharsets.UTF_8);
		assertThat(body).contains("\"code\":\"EXPORT_NOT_PAGEABLE\"").contains("无法逐页取全");
	}

	@Test
	void everyDownloadIsOnRecordAsAReadOfPersonalData() throws Exception {
		long before = sqlInt("select coalesce(max(id), 0)::int from audit_event");
		assertThat(get("/exports/visits?from=2023-03-01&to=2023-03-31", "demo-secretary").statusCode()).isEqualTo(200);
		assertThat(sqlString("""
				select kind || ' ' || operation || ' ' || username || ' ' || array_to_string(target_ids, ',')
				from audit_event where id > %d and operation = 'exportVisits' order by id desc limit 1"""
			.formatted(before))).isEqualTo("PERSONAL_READ exportVisits demo-secretary 2023-03-01/2023-03-31");
	}

	@Test
	void downloadsNeedAUserAndSayWhatIsWrong() throws Exception {
		HttpResponse<byte[]> anonymous = this.http.send(
				HttpRequest.newBuilder(URI.create(base() + "/exports/visits?from=2023-01-01&to=2023-01-31")).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(new String(anonymous.body(), StandardCharsets.UTF_8)).contains("\"code\":\"UNAUTHENTICATED\"");
		HttpResponse<byte[]> format = get("/exports/visits?from=2023-01-01&to=2023-01-31&format=pdf", "demo-leader");
		assertThat(format.statusCode()).isEqualTo(400);
		assertThat(new String(format.body(), StandardCharsets.UTF_8)).contains("\"code\":\"INVALID_ARGUMENT\"");
		HttpResponse<byte[]> mutation = post("/exports", Map.of("query", "mutation { logout { session { id } } }"),
				"demo-leader");
		assertThat(mutation.statusCode()).isEqualTo(400);
		assertThat(get("/exports/views/U2F2ZWRWaWV3Ojk5OTk5OQ?format=csv", "demo-leader").statusCode()).isEqualTo(404);
		// a day that does not exist is refused, not moved to one that does
		HttpResponse<byte[]> impossible = get("/exports/visits?from=2023-02-30&to=2023-03-31", "demo-leader");
		assertThat(impossible.statusCode()).isEqualTo(400);
		assertThat(new String(impossible.body(), StandardCharsets.UTF_8)).contains("\"code\":\"INVALID_ARGUMENT\"");
	}

	private HttpResponse<byte[]> get(String path, String user) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(base() + path))
			.header("Authorization", "Bearer " + accessToken(user))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> post(String path, Map<String, Object> body, String user)
			throws IOException, InterruptedException {
		String json = new tools.jackson.databind.json.JsonMapper().writeValueAsString(new HashMap<>(body));
		return this.http.send(HttpRequest.newBuilder(URI.create(base() + path))
			.header("Authorization", "Bearer " + accessToken(user))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** The entries of a zip, read by its central directory as spreadsheet programs do. */
	private static Map<String, String> unzip(byte[] bytes) throws IOException {
		java.nio.file.Path file = java.nio.file.Files.createTempFile("export", ".xlsx");
		try {
			java.nio.file.Files.write(file, bytes);
			Map<String, String> entries = new HashMap<>();
			try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
				for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
					entries.put(entry.getName(),
							new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
				}
			}
			return entries;
		}
		finally {
			java.nio.file.Files.delete(file);
		}
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}
