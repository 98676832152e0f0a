package cn.ankang.bangfu.photo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.visit.VisitDrafts;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Photos: resumable uploads in pieces, checked by content and hash, joined to visits by
 * hash, and served only within the jurisdiction of those visits.
 */
class PhotoUploadTests extends ApiTestSupport {

	private static final String REQUEST = """
			mutation($input: RequestPhotoUploadInput!) {
			  requestPhotoUpload(input: $input) {
			    upload { id uploadUrl size receivedBytes complete }
			    userErrors { code field message }
			  }
			}""";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void aPhotoSentInPiecesArrivesIsJoinedToItsVisitAndIsServedWithinTheJurisdiction() throws Exception {
		byte[] photo = jpeg(300_000);
		String sha = sha256(photo);
		String url = slot(sha, photo.length, "image/jpeg").path("requestPhotoUpload.upload.uploadUrl")
			.entity(String.class)
			.get();
		assertThat(head(url).headers().firstValue("Upload-Offset")).hasValue("0");
		assertThat(patch(url, 0, Arrays.copyOfRange(photo, 0, 100_000)).statusCode()).isEqualTo(204);
		assertThat(head(url).headers().firstValue("Upload-Offset")).hasValue("100000");
		assertThat(patch(url, 100_000, Arrays.copyOfRange(photo, 100_000, 200_000)).statusCode()).isEqualTo(204);
		HttpResponse<String> last = patch(url, 200_000, Arrays.copyOfRange(photo, 200_000, photo.length));
		assertThat(last.statusCode()).isEqualTo(204);
		assertThat(last.headers().firstValue("Upload-Offset")).hasValue(Integer.toString(photo.length));
		// asking again: the service holds it, nothing to send
		slot(sha, photo.length, "image/jpeg").path("requestPhotoUpload.upload.complete")
			.entity(Boolean.class)
			.isEqualTo(true);

		Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc);
		String later = sha256(jpeg(1_000));
		visit.put("photoHashes", java.util.List.of(sha, later));
		as("demo-secretary").document("""
				mutation($v: LogVisitInput!) { logVisit(input: $v) {
				  visit { photos { sha256 uploaded contentType size url } } userErrors { code } } }""")
			.variable("v", visit)
			.execute()
			.path("logVisit.visit.photos[*].uploaded")
			.entityList(Boolean.class)
			.containsExactly(true, false);
		HttpResponse<byte[]> served = get("/photos/" + sha, "demo-secretary");
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		assertThat(served.body()).isEqualTo(photo);
		// the county officer of the village's county sees the visit, and so the photo
		assertThat(get("/photos/" + sha, "demo-county").statusCode()).isEqualTo(200);
		// a unit manager sees only the unit's cadres' visits; the demo secretary's unit
		// is not theirs
		String outsider = outsiderToken();
		assertThat(get("/photos/" + sha, outsider).statusCode()).isEqualTo(404);
		assertThat(getAnonymously("/photos/" + sha).statusCode()).isEqualTo(404);
	}

	@Test
	void knowingAPhotosHashDoesNotOpenThePhoto() throws Exception {
		// the secretary's photo, on no visit yet; the team member of the same village
		// has read its hash somewhere
		byte[] photo = jpeg(20_000);
		String sha = sha256(photo);
		String url = url(photo, "image/jpeg");
		assertThat(patch(url, 0, photo).statusCode()).isEqualTo(204);
		// asking for an upload slot by that hash is not taken for having the photo: the
		// bytes are still to send
		as("demo-member").document(REQUEST)
			.variable("input", Map.of("sha256", sha, "size", photo.length, "contentType", "image/jpeg"))
			.execute()
			.path("requestPhotoUpload.upload.complete")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("requestPhotoUpload.upload.receivedBytes")
			.entity(Long.class)
			.isEqualTo(0L);
		assertThat(get("/photos/" + sha, "demo-member").statusCode()).isEqualTo(404);
		// nor is naming the hash in a visit of one's own: the visit's photo is not
		// there, and the photo stays closed
		Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc);
		visit.put("photoHashes", java.util.List.of(sha));
		as("demo-member").document("""
				mutation($v: LogVisitInput!) { logVisit(input: $v) {
				  visit { photos { uploaded url } } userErrors { code } } }""")
			.variable("v", visit)
			.execute()
			.path("logVisit.visit.photos[0].uploaded")
			.entity(Boolean.class)
			.isEqualTo(false);
		assertThat(get("/photos/" + sha, "demo-member").statusCode()).isEqualTo(404);
		assertThat(get("/photos/" + sha, "demo-secretary").statusCode()).isEqualTo(200);
	}

	@Test
	void anUploadCutMidBodyResumesFromTheBytesThatArrived() throws Exception {
		byte[] photo = png(200_000);
		String url = slot(sha256(photo), photo.length, "image/png").path("requestPhotoUpload.upload.uploadUrl")
			.entity(String.class)
			.get();
		// announce the whole photo, send 120,000 bytes, and hang up
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("PATCH " + url + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
					+ accessToken("demo-secretary") + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
					+ "Content-Type: application/offset+octet-stream\r\nContent-Length: " + photo.length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(photo, 0, 120_000);
			out.flush();
		}
		long held = awaitOffset(url, 120_000);
		assertThat(held).isEqualTo(120_000);
		HttpResponse<String> rest = patch(url, held, Arrays.copyOfRange(photo, (int) held, photo.length));
		assertThat(rest.statusCode()).isEqualTo(204);
		assertThat(rest.headers().firstValue("Upload-Offset")).hasValue(Integer.toString(photo.length));
		assertThat(sqlString("select content_type from photo where sha256 = decode('" + sha256(photo) + "', 'hex')"))
			.isEqualTo("image/png");
	}

	@Test
	void tooLargeWrongTypeAndWrongHashAreRefusedWithCodes() throws Exception {
		slot(sha256(new byte[] { 1 }), 10 * 1024 * 1024 + 1, "image/jpeg").path("requestPhotoUpload.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("PHOTO_TOO_LARGE");
		slot(sha256(new byte[] { 2 }), 1_000, "application/pdf").path("requestPhotoUpload.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("UNSUPPORTED_PHOTO_TYPE");
		slot("not-a-hash", 1_000, "image/jpeg").path("requestPhotoUpload.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_INPUT");

		// declared a JPEG, but the bytes are a PDF: refused at the first piece, not after
		// ten megabytes
		byte[] pdf = ("%PDF-1.7\n" + "x".repeat(5_000)).getBytes(StandardCharsets.US_ASCII);
		String pdfUrl = url(pdf, "image/jpeg");
		HttpResponse<String> wrongType = patch(pdfUrl, 0, Arrays.copyOfRange(pdf, 0, 1_000));
		assertThat(wrongType.statusCode()).isEqualTo(415);
		assertThat(wrongType.body()).contains("\"code\":\"UNSUPPORTED_PHOTO_TYPE\"");
		assertThat(head(pdfUrl).headers().firstValue("Upload-Offset")).hasValue("0");

		// more bytes than declared
		byte[] photo = jpeg(10_000);
		String url = url(photo, "image/jpeg");
		byte[] longer = Arrays.copyOf(photo, photo.length + 10);
		HttpResponse<String> tooLong = patch(url, 0, longer);
		assertThat(tooLong.statusCode()).isEqualTo(413);
		assertThat(tooLong.body()).contains("\"code\":\"PHOTO_TOO_LARGE\"");
		assertThat(head(url).headers().firstValue("Upload-Offset")).hasValue("0");

		// the wrong place
		HttpResponse<String> misplaced = patch(url, 500, Arrays.copyOfRange(photo, 500, 1_000));
		assertThat(misplaced.statusCode()).isEqualTo(409);
		assertThat(misplaced.body()).contains("\"code\":\"UPLOAD_OFFSET_MISMATCH\"");

		// bytes that are not the photo asked for: discarded, start again
		byte[] other = jpeg(10_000);
		HttpResponse<String> mismatch = patch(url, 0, other);
		assertThat(mismatch.statusCode()).isEqualTo(422);
		assertThat(mismatch.body()).contains("\"code\":\"PHOTO_HASH_MISMATCH\"");
		assertThat(head(url).headers().firstValue("Upload-Offset")).hasValue("0");
		assertThat(sqlInt("select count(*) from photo where sha256 = decode('" + sha256(other) + "', 'hex')")).isZero();
	}

	@Test
	void uploadsNeedTheirOwnersToken() throws Exception {
		byte[] photo = jpeg(5_000);
		String url = url(photo, "image/jpeg");
		HttpResponse<String> anonymous = this.http.send(HttpRequest.newBuilder(URI.create(base() + url))
			.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(photo))
			.header("Upload-Offset", "0")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		HttpResponse<String> someoneElse = this.http.send(HttpRequest.newBuilder(URI.create(base() + url))
			.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(photo))
			.header("Upload-Offset", "0")
			.header("Authorization", "Bearer " + accessToken("demo-member"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(someoneElse.statusCode()).isEqualTo(404);
		assertError(this.graphQl.document(REQUEST)
			.variable("input", Map.of("sha256", sha256(photo), "size", photo.length, "contentType", "image/jpeg")),
				"FORBIDDEN");
	}

	private long awaitOffset(String url, long expected) throws Exception {
		long held = -1;
		for (int i = 0; i < 50 && held != expected; i++) {
			held = Long.parseLong(head(url).headers().firstValue("Upload-Offset").orElseThrow());
			Thread.sleep(20);
		}
		return held;
	}

	private String outsiderToken() {
		String username = newUser("photo-outsider");
		this.jdbc.sql("""
				insert into role_grant (user_id, role, unit_id)
				select u.id, 'UNIT_MANAGER', (select min(a.id) from assistance_unit a
				  where a.id <> (select k.dispatching_unit_id from app_user s join cadre k on k.id = s.cadre_id
				                 where s.username = 'demo-secretary'))
				from app_user u where u.username = :u""").param("u", username).update();
		return login(username, "the-right-password");
	}

	private String url(byte[] photo, String contentType) {
		return slot(sha256(photo), photo.length, contentType).path("requestPhotoUpload.upload.uploadUrl")
			.entity(String.class)
			.get();
	}

	private GraphQlTester.Response slot(String sha, int size, String contentType) {
		return as("demo-secretary").document(REQUEST)
			.variable("input", Map.of("sha256", sha, "size", size, "contentType", contentType))
			.execute();
	}

	private HttpResponse<Void> head(String url) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(base() + url))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.header("Authorization", "Bearer " + accessToken("demo-secretary"))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

	private HttpResponse<String> patch(String url, long offset, byte[] bytes) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(base() + url))
			.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes))
			.header("Authorization", "Bearer " + accessToken("demo-secretary"))
			.header("Tus-Resumable", "1.0.0")
			.header("Upload-Offset", Long.toString(offset))
			.header("Content-Type", "application/offset+octet-stream")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<byte[]> get(String path, String userOrToken) throws IOException, InterruptedException {
		String token = userOrToken.startsWith("demo-") ? accessToken(userOrToken) : userOrToken;
		return this.http.send(
				HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> getAnonymously(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Random bytes that begin like a JPEG and end like one. */
	static byte[] jpeg(int size) {
		byte[] bytes = new byte[size];
		new Random().nextBytes(bytes);
		byte[] start = { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1 };
		System.arraycopy(start, 0, bytes, 0, start.length);
		bytes[size - 2] = (byte) 0xff;
		bytes[size - 1] = (byte) 0xd9;
		return bytes;
	}

	static byte[] png(int size) {
		byte[] bytes = new byte[size];
		new Random().nextBytes(bytes);
		byte[] start = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d };
		System.arraycopy(start, 0, bytes, 0, start.length);
		return bytes;
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String uuid() {
		return UUID.randomUUID().toString();
	}

}
