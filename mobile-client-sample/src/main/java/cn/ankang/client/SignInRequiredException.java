package cn.ankang.client;

import java.util.List;

/**
 * There is no session to send requests with: never signed in, or the session ended
 * (refresh token spent twice, revoked, expired). Nothing queued is lost; the app asks the
 * cadre to sign in again and then goes on.
 */
public class SignInRequiredException extends PermanentException {

	/**
	 * A session that is gone.
	 * @param message why
	 * @param codes the error codes that said so, if any
	 */
	public SignInRequiredException(String message, List<String> codes) {
		super(message, 401, codes);
	}

}
