package cn.ankang.bangfu.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Phones may compress what they send; a compressed bomb is refused, not unpacked.
 */
class GzipRequestsTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	@Test
	void aCompressedRequestIsUnderstood() throws IOException {
		send(gzip("{\"query\":\"{ county(code: \\\"610902\\\") { name } }\"}")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.county.name")
			.isEqualTo("汉滨区");
	}

	@Test
	void aCompressedBombIsRefusedWith413() throws IOException {
		String huge = "{\"query\":\"{ counties { code } }\",\"variables\":{\"x\":\"" + " ".repeat(12 * 1024 * 1024)
				+ "\"}}";
		byte[] packed = gzip(huge);
		send(packed).expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("DOCUMENT_TOO_LARGE");
	}

	private WebTestClient.ResponseSpec send(byte[] body) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + login("demo-leader", "bangfu-demo"))
			.header("Content-Encoding", "gzip")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

}
