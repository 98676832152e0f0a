package cn.ankang.bangfu.security;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A request authenticated by a valid access token of a live session.
 */
final class CurrentUserAuthentication extends AbstractAuthenticationToken {

	private final CurrentUser user;

	private final Jwt token;

	CurrentUserAuthentication(CurrentUser user, Jwt token) {
		super(authorities(user));
		this.user = user;
		this.token = token;
		setAuthenticated(true);
	}

	@Override
	public Jwt getCredentials() {
		return this.token;
	}

	@Override
	public CurrentUser getPrincipal() {
		return this.user;
	}

	@Override
	public String getName() {
		return this.user.username();
	}

	private static Collection<GrantedAuthority> authorities(CurrentUser user) {
		return user.grants()
			.stream()
			.map((grant) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + grant.role().name()))
			.distinct()
			.toList();
	}

}
