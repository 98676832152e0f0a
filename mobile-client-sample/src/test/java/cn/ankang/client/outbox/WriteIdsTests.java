package cn.ankang.client.outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Write ids follow the clock in the order PostgreSQL sorts them (byte by byte, as their
 * text), are version 7 in RFC 9562's variant, and never repeat within a millisecond.
 */
class WriteIdsTests {

	@Test
	void idsFollowTheClockAndNeverRepeat() {
		Instant start = Instant.parse("2026-12-05T08:00:00Z");
		String earlier = WriteIds.next(Clock.fixed(start, ZoneOffset.UTC));
		String later = WriteIds.next(Clock.fixed(start.plusMillis(1), ZoneOffset.UTC));
		assertThat(later).isGreaterThan(earlier);
		assertThat(UUID.fromString(later).version()).isEqualTo(7);
		assertThat(UUID.fromString(later).variant()).isEqualTo(2);
		// the millisecond, readable back from the id
		assertThat(UUID.fromString(earlier).getMostSignificantBits() >>> 16).isEqualTo(start.toEpochMilli());

		Clock standingStill = Clock.fixed(start, ZoneOffset.UTC);
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			ids.add(WriteIds.next(standingStill));
		}
		assertThat(ids).hasSize(10_000).allSatisfy((id) -> assertThat(id).startsWith(earlier.substring(0, 13)));
	}

}
