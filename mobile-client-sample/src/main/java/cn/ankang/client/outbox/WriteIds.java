package cn.ankang.client.outbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * The ids a phone gives its writes: UUID version 7 (RFC 9562), the millisecond the write
 * was queued first, then 74 random bits. The service keeps every id in a unique index, as
 * the key that makes a resend a duplicate; random ids (version 4) land anywhere in it, so
 * each sync of a queue dirtied a page of the index per visit, where ids in time order
 * land at its end together. They stay as unguessable as the service needs: an id only
 * names a write of the phone that made it.
 */
final class WriteIds {

	private static final SecureRandom random = new SecureRandom();

	private WriteIds() {
	}

	/**
	 * A new id.
	 * @param clock the phone's clock; a clock set wrong only spreads the ids in the index
	 * @return the id, in its usual text form
	 */
	static String next(Clock clock) {
		long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
		long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
		long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(high, low).toString();
	}

}
