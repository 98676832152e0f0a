package cn.ankang.bangfu.shared;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.errors.ErrorCode;
import cn.ankang.bangfu.shared.relay.PageRequest;

/**
 * Paging rules, without a database.
 */
class PageRequestTests {

	@Test
	void defaultsToTwentyAndFetchesOneMore() {
		PageRequest page = PageRequest.of(null, null);
		assertThat(page.first()).isEqualTo(20);
		assertThat(page.fetchSize()).isEqualTo(21);
		assertThat(page.afterId("households")).isNull();
	}

	@Test
	void refusesPagesOutsideZeroToAHundred() {
		assertThat(PageRequest.of(0, null).first()).isZero();
		assertThat(PageRequest.of(100, null).first()).isEqualTo(100);
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> PageRequest.of(101, null))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
			.withMessageContaining("between 0 and 100");
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> PageRequest.of(-1, null));
	}

	@Test
	void cursorsCarryTheirListAndKey() {
		String cursor = PageRequest.cursor("visits", "2023-05-01T00:00:00Z", "abc");
		assertThat(PageRequest.of(5, cursor).afterKey("visits", 2)).isEqualTo(List.of("2023-05-01T00:00:00Z", "abc"));
		assertThat(PageRequest.of(5, PageRequest.cursor("projects", 42)).afterId("projects")).isEqualTo(42L);
	}

	@Test
	void aCursorOfAnotherListOrShapeIsRefused() {
		String cursor = PageRequest.cursor("projects", 42);
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> PageRequest.of(5, cursor).afterId("households"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_CURSOR));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> PageRequest.of(5, cursor).afterKey("projects", 2));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> PageRequest.of(5, PageRequest.cursor("projects", "x")).afterId("projects"));
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> PageRequest.of(5, "***").afterId("projects"));
	}

	@Test
	void aPageOfRowsKnowsWhetherMoreFollow() {
		PageRequest page = PageRequest.of(2, null);
		Connection<Integer> full = Connection.of(List.of(1, 2, 3), page, String::valueOf, 3);
		assertThat(full.edges()).extracting(Connection.Edge::node).containsExactly(1, 2);
		assertThat(full.pageInfo().hasNextPage()).isTrue();
		assertThat(full.pageInfo().endCursor()).isEqualTo("2");
		Connection<Integer> last = Connection.of(List.of(3), page, String::valueOf, 3);
		assertThat(last.pageInfo().hasNextPage()).isFalse();
	}

}
