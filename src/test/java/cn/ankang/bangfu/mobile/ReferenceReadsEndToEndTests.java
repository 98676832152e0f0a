package cn.ankang.bangfu.mobile;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.client.Operation;
import cn.ankang.client.ReferenceReads;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's reference reads against the service: the cadre's villages read by GET,
 * served from the phone while fresh, confirmed by 304 once stale.
 */
class ReferenceReadsEndToEndTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	@TempDir
	Path folder;

	@Test
	void theCadresVillagesAreKeptAndThenConfirmedUnchanged() throws Exception {
		Phone phone = new Phone("http://localhost:" + this.port + "/", this.folder, null, 1).signIn();
		Instant[] now = { Instant.now() };
		Clock clock = new Clock() {
			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return now[0];
			}
		};
		ReferenceReads reads = new ReferenceReads(phone.client, this.folder.resolve("reference"), clock);
		Operation villages = Operation.load("PostedVillages");

		JSONObject first = reads.read(villages, null);
		assertThat(first.getJSONObject("me").getJSONArray("postedVillages").length()).isPositive();
		int requests = reads.requests();
		assertThat(reads.read(villages, null).similar(first)).isTrue();
		assertThat(reads.requests()).isEqualTo(requests);

		now[0] = now[0].plus(Duration.ofSeconds(301));
		assertThat(reads.read(villages, null).similar(first)).isTrue();
		assertThat(reads.requests()).isEqualTo(requests + 1);
		assertThat(reads.notModified()).isEqualTo(1);
	}

}
