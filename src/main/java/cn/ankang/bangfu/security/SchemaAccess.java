package cn.ankang.bangfu.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.ankang.bangfu.shared.errors.ApiException;

/**
 * Who may read the schema itself, by introspection or as SDL: anyone in the demo run
 * ({@code bangfu.graphql.open-introspection}); elsewhere developers and admins, so that a
 * stranger cannot map the API of a production service.
 */
@Component
public class SchemaAccess {

	private final boolean open;

	SchemaAccess(@Value("${bangfu.graphql.open-introspection:false}") boolean open) {
		this.open = open;
	}

	/**
	 * @throws ApiException {@code UNAUTHENTICATED} without a user, {@code FORBIDDEN} for
	 * a user who is neither developer nor admin, unless the schema is open
	 */
	public void require() {
		if (this.open) {
			return;
		}
		CurrentUser user = Auth.require();
		if (!user.has(Role.DEVELOPER) && !user.has(Role.ADMIN)) {
			throw ApiException.forbidden("The schema itself is for developers and admins.");
		}
	}

}
