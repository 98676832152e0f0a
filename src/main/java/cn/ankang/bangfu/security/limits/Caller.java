package cn.ankang.bangfu.security.limits;

import java.util.Optional;

/**
 * Whose bucket pays for a GraphQL operation: the signed-in user's, else the address's.
 * The limits know no accounts or sessions, so sign-in, which does, provides this bean
 * ({@code SecurityConfiguration}) and the limits never reach back into it.
 */
@FunctionalInterface
public interface Caller {

	/** The key of the user the current thread serves, if one is signed in. */
	Optional<Long> signedInUserKey();

}
