package cn.ankang.bangfu.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.ErrorCode;
import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * Global ids, without a database.
 */
class GlobalIdTests {

	@Test
	void roundTrips() {
		String id = GlobalId.of("Village", 123);
		assertThat(id).doesNotContain("Village");
		assertThat(GlobalId.decode(id)).isEqualTo(new GlobalId("Village", "123"));
		assertThat(GlobalId.decodeNumeric(id, "Village")).isEqualTo(123);
	}

	@Test
	void refusesWhatIsNotAnIdOfTheExpectedType() {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> GlobalId.decode("%%%"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_ID));
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> GlobalId.decode(GlobalId.of("", "x")));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> GlobalId.decodeNumeric(GlobalId.of("County", 1), "Village"))
			.withMessageContaining("Village");
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> GlobalId.decodeNumeric(GlobalId.of("Village", "-4"), "Village"));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> GlobalId.decodeNumeric(GlobalId.of("Village", "x"), "Village"));
	}

}
