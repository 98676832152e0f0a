package cn.ankang.bangfu.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.errors.UserError;

/**
 * The payloads of the security mutations.
 */
final class Payloads {

	private Payloads() {
	}

	record LoginPayload(@Nullable SessionTokens tokens, @Nullable Account user, List<UserError> userErrors) {
	}

	record RefreshSessionPayload(@Nullable SessionTokens tokens, List<UserError> userErrors) {
	}

	record LogoutPayload(Session session) {
	}

	record RevokeSessionPayload(@Nullable Session session, List<UserError> userErrors) {
	}

	record RevokeUserSessionsPayload(int revokedCount, List<UserError> userErrors) {
	}

	record UserPayload(@Nullable Account user, List<UserError> userErrors) {

		static UserPayload of(Account user) {
			return new UserPayload(user, List.of());
		}

		static UserPayload error(UserError error) {
			return new UserPayload(null, List.of(error));
		}

	}

}
