package cn.ankang.bangfu.security.audit;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way in that can carry personal data leaves the same audit row: who (user and
 * roles), what kind (a change, or a read of personal data in full), which records (their
 * ids) and which way in (GraphQL or the HTTP endpoint). Walks GraphQL, saved views and
 * their runs, the three downloads, photos, the warnings file and spreadsheet imports.
 */
class PrivacyAuditTests extends ApiTestSupport {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void everyPathThatServesOrTakesPersonalDataIsOnRecordWithWhoWhatWhichAndWhere() throws Exception {
		long household = Long.parseLong(sqlString(
				"""
						select h.id::text from household h join village v on v.id = h.village_id
						where v.code like '610902%' and h.risk_types && array['ILLNESS', 'DISABILITY'] order by h.id limit 1"""));
		String id = GlobalId.of("Household", household);
		String byId = "query Privacy($id: ID!) { node(id: $id) { ... on Household { headIdNumber } } }";
		// signed in before the marks: signing in is on record too, as a mutation
		List.of("demo-county", "demo-secretary", "demo-leader").forEach(this::accessToken);

		// GraphQL: an ID number read in full
		long mark = last();
		as("demo-county").document(byId).variable("id", id).execute().path("node.headIdNumber").hasValue();
		assertThat(rows(mark, "demo-county")).containsExactly("PERSONAL_READ Privacy GraphQL /graphql " + id);

		// GraphQL: health data alone read in full is a read too
		mark = last();
		as("demo-county").document("query Risks($id: ID!) { node(id: $id) { ... on Household { riskTypes } } }")
			.variable("id", id)
			.execute()
			.path("node.riskTypes")
			.entityList(String.class)
			.contains(anyHealthRisk(household));
		assertThat(rows(mark, "demo-county")).containsExactly("PERSONAL_READ Risks GraphQL /graphql " + id);

		// a saved view: saving runs it once, running runs it again, each on record
		mark = last();
		String view = as("demo-county").document("""
				mutation SaveIt($input: SaveViewInput!) { saveView(input: $input) { view { id } } }""")
			.variable("input", Map.of("name", "身份证 " + household, "document", byId, "variables", Map.of("id", id)))
			.execute()
			.path("saveView.view.id")
			.entity(String.class)
			.get();
		assertThat(rows(mark, "demo-county")).contains("PERSONAL_READ SaveIt GraphQL /graphql " + id)
			.anyMatch((row) -> row.startsWith("MUTATION SaveIt GraphQL /graphql " + view));
		mark = last();
		as("demo-county").document("query RunIt($id: ID!) { runSavedView(id: $id) { data } }")
			.variable("id", view)
			.execute()
			.path("runSavedView.data.node.headIdNumber")
			.hasValue();
		assertThat(rows(mark, "demo-county")).containsExactly("PERSONAL_READ RunIt GraphQL /graphql " + id);

		// the downloads: the view, a query, the visits
		mark = last();
		assertThat(get("/exports/views/" + view + "?format=csv", "demo-county").statusCode()).isEqualTo(200);
		assertThat(rows(mark, "demo-county"))
			.containsExactly("PERSONAL_READ exportView GET /exports/views/" + view + " " + view + "," + id);
		mark = last();
		assertThat(post("/exports", Map.of("query", byId, "variables", Map.of("id", id)), "demo-county").statusCode())
			.isEqualTo(200);
		assertThat(rows(mark, "demo-county")).containsExactly("PERSONAL_READ exportQuery POST /exports " + id);
		mark = last();
		assertThat(get("/exports/visits?from=2023-03-01&to=2023-03-31", "demo-county").statusCode()).isEqualTo(200);
		assertThat(rows(mark, "demo-county"))
			.containsExactly("PERSONAL_READ exportVisits GET /exports/visits 2023-03-01/2023-03-31");

		// a photo: sent by the cadre, then served
		byte[] photo = new byte[5_000];
		new java.util.Random().nextBytes(photo);
		byte[] jpeg = { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1 };
		System.arraycopy(jpeg, 0, photo, 0, jpeg.length);
		String sha = java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(photo));
		String url = as("demo-secretary").document(
				"""
						mutation($input: RequestPhotoUploadInput!) { requestPhotoUpload(input: $input) { upload { uploadUrl } } }""")
			.variable("input", Map.of("sha256", sha, "size", photo.length, "contentType", "image/jpeg"))
			.execute()
			.path("requestPhotoUpload.upload.uploadUrl")
			.entity(String.class)
			.get();
		mark = last();
		HttpResponse<String> sent = this.http.send(HttpRequest.newBuilder(uri(url))
			.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(photo))
			.header("Authorization", "Bearer " + accessToken("demo-secretary"))
			.header("Tus-Resumable", "1.0.0")
			.header("Upload-Offset", "0")
			.header("Content-Type", "application/offset+octet-stream")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(sent.statusCode()).isEqualTo(204);
		assertThat(get("/photos/" + sha, "demo-secretary").statusCode()).isEqualTo(200);
		assertThat(rows(mark, "demo-secretary")).containsExactly("MUTATION uploadPhoto PATCH " + url + " Photo:" + sha,
				"PERSONAL_READ photo GET /photos/" + sha + " Photo:" + sha);

		// a department's warnings file taken in
		mark = last();
		String csv = "idNumber,personName,kind,source,occurredOn\n" + idNumber() + ",测试,EDUCATION,教育局,2026-01-05\n";
		HttpResponse<String> warnings = this.http.send(HttpRequest.newBuilder(uri("/warnings"))
			.header("Authorization", "Bearer " + accessToken("demo-county"))
			.header("Content-Type", "text/csv; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(csv))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(warnings.statusCode()).isEqualTo(200);
		assertThat(rows(mark, "demo-county")).containsExactly("MUTATION importRiskWarningsFile POST /warnings ");

		// a spreadsheet taken in for import
		mark = last();
		HttpResponse<String> upload = this.http
			.send(HttpRequest.newBuilder(uri("/imports?kind=RISK_WARNINGS&fileName=warnings.csv"))
				.header("Authorization", "Bearer " + accessToken("demo-county"))
				.POST(HttpRequest.BodyPublishers.ofString("身份证号,姓名\n", StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(upload.statusCode()).isEqualTo(202);
		assertThat(rows(mark, "demo-county")).singleElement()
			.satisfies((row) -> assertThat(row).startsWith("MUTATION uploadImport POST /imports "));

		// a masked read leaves no row: nothing personal was served
		mark = last();
		as("demo-leader").document(byId).variable("id", id).execute().path("node.headIdNumber").hasValue();
		assertThat(rows(mark, "demo-leader")).isEmpty();
		// and each row says who with which roles
		assertThat(sqlString("""
				select username || ' ' || array_to_string(roles, ',') from audit_event
				where operation = 'RunIt' order by id desc limit 1""")).isEqualTo("demo-county COUNTY_OFFICER");
	}

	private String anyHealthRisk(long household) {
		return sqlString("""
				select r from household h, unnest(h.risk_types) r
				where h.id = %d and r in ('ILLNESS', 'DISABILITY') limit 1""".formatted(household));
	}

	private long last() {
		return Long.parseLong(sqlString("select coalesce(max(id), 0)::text from audit_event"));
	}

	/** The user's audit rows since the mark: kind, operation, path and targets. */
	private List<String> rows(long since, String username) {
		return this.jdbc.sql("""
				select kind || ' ' || operation || ' ' || coalesce(path, '-') || ' '
				       || array_to_string(target_ids, ',') from audit_event
				where id > :since and username = :username order by id""")
			.param("since", since)
			.param("username", username)
			.query(String.class)
			.list();
	}

	private HttpResponse<byte[]> get(String path, String user) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + accessToken(user)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> post(String path, Map<String, Object> body, String user) throws Exception {
		String json = new tools.jackson.databind.json.JsonMapper().writeValueAsString(new HashMap<>(body));
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + accessToken(user))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String idNumber() {
		StringBuilder digits = new StringBuilder("999999");
		for (int i = 0; i < 11; i++) {
			digits.append(java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
		}
		return digits.append(cn.ankang.bangfu.shared.values.IdNumber.Validator.checkDigit(digits.toString()))
			.toString();
	}

}
