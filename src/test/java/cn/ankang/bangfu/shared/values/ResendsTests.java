package cn.ankang.bangfu.shared.values;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.shared.values.Resends.Sending;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule every exactly-once write shares, without a database; the end-to-end tests of
 * visits, cases, tasks, household updates and the client changes show each write follows
 * it.
 */
class ResendsTests {

	private static final byte[] SENT = Digests.sha256("STEP|a|b");

	@Test
	void aSendingUnderAnUnusedIdIsTheFirst() {
		assertThat(Resends.judge(false, null, SENT)).isEqualTo(Sending.FIRST);
	}

	@Test
	void theSameContentUnderAUsedIdIsAResend() {
		assertThat(Resends.judge(true, Digests.sha256("STEP|a|b"), SENT)).isEqualTo(Sending.RESEND);
	}

	@Test
	void otherContentUnderAUsedIdIsAnotherWrite() {
		assertThat(Resends.judge(true, Digests.sha256("STEP|a|c"), SENT)).isEqualTo(Sending.OTHER);
	}

	@Test
	void aRecordKeptWithoutADigestCannotBeResent() {
		// rows from before digests were kept: nothing says the sending matches them
		assertThat(Resends.judge(true, null, SENT)).isEqualTo(Sending.OTHER);
	}

	@Test
	void theRefusalNamesTheIdAndItsField() {
		UserError conflict = Resends.conflict("step id", "input", "stepId");
		assertThat(conflict.code()).isEqualTo("CONFLICT");
		assertThat(conflict.field()).isEqualTo(List.of("input", "stepId"));
		assertThat(conflict.message()).startsWith("This step id was used for another write");
	}

	@Test
	void anIdsLockIsTheSameWhoeverAsks() {
		UUID id = UUID.fromString("0b7e6a52-4c1d-4f0e-9a57-2f1c3d4e5f60");
		assertThat(Resends.lockKey(id)).isEqualTo(Resends.lockKey(UUID.fromString(id.toString())))
			.isNotEqualTo(Resends.lockKey(UUID.fromString("0b7e6a52-4c1d-4f0e-9a57-2f1c3d4e5f61")));
	}

}
