package cn.ankang.bangfu.mobile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the mobile client's end-to-end tests share: the service's port, a folder for the
 * phone's files, the demo first secretary's whole allowance before each test, and the
 * checks that visits are stored once. The tests extend it and nothing else, so that they
 * run in the one context of {@link ApiTestSupport}.
 */
abstract class MobileClientTestSupport extends ApiTestSupport {

	@LocalServerPort
	int port;

	@TempDir
	Path folder;

	/**
	 * Each test starts with the phone's whole allowance: the tests share the demo first
	 * secretary, and what one spent must not make the next wait (refusing is
	 * RateLimitTests' to test).
	 */
	@BeforeEach
	void freshAllowance() {
		this.jdbc.sql("""
				delete from rate_limit_bucket
				where id = 'graphql:user:' || (select id::text from app_user where username = :username)""")
			.param("username", Phone.USER)
			.update();
	}

	int count(String sql, Object... arguments) {
		return this.jdbc.sql(sql.formatted(arguments)).query(Integer.class).single();
	}

	void assertStoredOnce(List<String> uuids) {
		Map<String, Integer> counts = new HashMap<>();
		for (String uuid : uuids) {
			counts.put(uuid,
					this.jdbc.sql("select count(*) from visit where id = :id::uuid")
						.param("id", uuid)
						.query(Integer.class)
						.single());
		}
		assertThat(counts).hasSize(uuids.size()).allSatisfy((uuid, count) -> assertThat(count).as(uuid).isEqualTo(1));
	}

	/** Bytes that a JPEG decoder would take for a start and an end. */
	static byte[] jpeg(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		byte[] head = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1 };
		System.arraycopy(head, 0, bytes, 0, head.length);
		bytes[size - 2] = (byte) 0xFF;
		bytes[size - 1] = (byte) 0xD9;
		return bytes;
	}

	/** The process dying: nothing catches an error, as nothing survives a SIGKILL. */
	static final class ProcessKilled extends Error {

		ProcessKilled() {
			super("killed", null, false, false);
		}

	}

}
