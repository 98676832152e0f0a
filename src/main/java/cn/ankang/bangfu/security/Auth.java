package cn.ankang.bangfu.security;

import java.util.Optional;

import cn.ankang.bangfu.shared.errors.ApiException;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in user of the request being served, for services that decide what that user
 * may do.
 */
public final class Auth {

	private Auth() {
	}

	/** The signed-in user, if the request carries a valid access token. */
	public static Optional<CurrentUser> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
			return Optional.of(user);
		}
		return Optional.empty();
	}

	/**
	 * The signed-in user.
	 * @throws ApiException {@code UNAUTHENTICATED} when no one is signed in
	 */
	public static CurrentUser require() {
		return current().orElseThrow(ApiException::unauthenticated);
	}

	/**
	 * The signed-in user, who must hold {@code role}.
	 * @throws ApiException {@code UNAUTHENTICATED} or {@code FORBIDDEN}
	 */
	public static CurrentUser requireRole(Role role) {
		CurrentUser user = require();
		if (!user.has(role)) {
			throw ApiException.forbidden("Only users with the role %s may do this.".formatted(role));
		}
		return user;
	}

	/**
	 * The signed-in user, who must hold one of the roles.
	 * @throws ApiException {@code UNAUTHENTICATED} or {@code FORBIDDEN}
	 */
	public static CurrentUser requireAny(String what, Role... roles) {
		CurrentUser user = require();
		for (Role role : roles) {
			if (user.has(role)) {
				return user;
			}
		}
		throw ApiException.forbidden("%s is for %s.".formatted(what,
				String.join(", ", java.util.Arrays.stream(roles).map(Enum::name).toList())));
	}

}
