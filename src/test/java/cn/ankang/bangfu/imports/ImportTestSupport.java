package cn.ankang.bangfu.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.json.JSONObject;

import cn.ankang.bangfu.RecordsTestSupport;
import cn.ankang.bangfu.shared.values.IdNumber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports as an officer's page or script sends them: files built here, sent over HTTP
 * with a bearer token, the check awaited by polling, then committed.
 */
abstract class ImportTestSupport extends RecordsTestSupport {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private final HttpClient http = HttpClient.newHttpClient();

	protected String countyOfficerToken() {
		return token("COUNTY_OFFICER", Map.of("countyCode", COUNTY));
	}

	HttpResponse<String> upload(String token, String kind, String fileName, byte[] body, String contentType) {
		return send(HttpRequest
			.newBuilder(uri("/imports?kind=" + kind + "&fileName="
					+ java.net.URLEncoder.encode(fileName, StandardCharsets.UTF_8)))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/** Uploads a file and waits for its check to end. */
	JSONObject checked(String token, String kind, String fileName, byte[] body) {
		HttpResponse<String> response = upload(token, kind, fileName, body,
				fileName.endsWith(".csv") ? "text/csv" : XLSX);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return await(token, new JSONObject(response.body()).getString("id"));
	}

	JSONObject await(String token, String id) {
		JSONObject status;
		int waited = 0;
		do {
			HttpResponse<String> response = get(token, "/imports/" + id + "?waitSeconds=60");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			status = new JSONObject(response.body());
		}
		while (status.getString("status").matches("CHECKING|COMMITTING") && ++waited < 5);
		assertThat(status.getString("status")).as(status.toString()).isNotIn("CHECKING", "COMMITTING");
		return status;
	}

	HttpResponse<String> commit(String token, String id, String sha256) {
		return post(token, "/imports/" + id + "/commit", new JSONObject().put("sha256", sha256).toString());
	}

	/** Commits a checked import and waits for the outcome. */
	JSONObject committed(String token, JSONObject checked) {
		assertThat(checked.getString("status")).as(checked.toString()).isEqualTo("CHECKED");
		HttpResponse<String> response = commit(token, checked.getString("id"), checked.getString("sha256"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return await(token, checked.getString("id"));
	}

	HttpResponse<String> get(String token, String path) {
		return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET());
	}

	HttpResponse<byte[]> download(String token, String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> post(String token, String path, String json) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The findings of an import, of the kinds asked, as JSON. */
	List<JSONObject> findings(String token, String id, String kinds) {
		HttpResponse<String> response = get(token, "/imports/" + id + "/findings?limit=1000&kind=" + kinds);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<JSONObject> findings = new ArrayList<>();
		new JSONObject(response.body()).getJSONArray("findings").forEach((f) -> findings.add((JSONObject) f));
		return findings;
	}

	/**
	 * A workbook of one sheet: numbers and dates as Excel stores them, the rest as text.
	 */
	static byte[] workbook(String sheet, List<List<Object>> rows) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			Workbook workbook = new Workbook(out, "test", "1.0");
			Worksheet worksheet = workbook.newWorksheet(sheet);
			write(worksheet, rows);
			workbook.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static void write(Worksheet worksheet, List<List<Object>> rows) {
		for (int r = 0; r < rows.size(); r++) {
			for (int c = 0; c < rows.get(r).size(); c++) {
				Object value = rows.get(r).get(c);
				if (value instanceof Number number) {
					worksheet.value(r, c, number);
				}
				else if (value instanceof LocalDate date) {
					worksheet.value(r, c, date);
				}
				else if (value != null) {
					worksheet.value(r, c, value.toString());
				}
			}
		}
	}

	/** A CSV file of the rows in the charset, quoted where needed. */
	static byte[] csv(List<List<Object>> rows, java.nio.charset.Charset charset) {
		StringBuilder text = new StringBuilder();
		for (List<Object> row : rows) {
			List<String> cells = new ArrayList<>();
			for (Object value : row) {
				String cell = (value != null) ? value.toString() : "";
				cells.add(cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
			}
			text.append(String.join(",", cells)).append("\r\n");
		}
		return text.toString().getBytes(charset);
	}

	/** A synthetic resident ID number (region 99…) of a person born on the day. */
	static String person(LocalDate birth, boolean male) {
		int sequence = ThreadLocalRandom.current().nextInt(100, 999);
		if ((sequence % 2 == 1) != male) {
			sequence++;
		}
		String digits = "99" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000))
				+ birth.toString().replace("-", "") + sequence;
		return digits + IdNumber.Validator.checkDigit(digits);
	}

	static final List<Object> HOUSEHOLD_HEADER = List.of("村代码", "户主姓名", "姓名", "证件号码", "与户主关系", "监测对象类别", "风险类型",
			"识别纳入时间", "家庭人均纯收入", "收入年度", "联系电话");

	/** A member's row under {@link #HOUSEHOLD_HEADER}. */
	static List<Object> member(String village, String head, String name, String id, String relation, String category,
			String risks, Object identified, BigDecimal income, String phone) {
		List<Object> row = new ArrayList<>(List.of(village, head, name, id, relation, category, risks, identified));
		row.add(income);
		row.add((income != null) ? 2023 : null);
		row.add(phone);
		return row;
	}

}
