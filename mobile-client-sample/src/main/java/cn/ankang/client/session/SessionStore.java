package cn.ankang.client.session;

import java.io.IOException;

/**
 * Where the session's tokens are kept between runs. {@link #save(Tokens)} must be durable
 * when it returns: the service has spent the old refresh token by then, so new tokens
 * lost to a kill would end the session. On Android: encrypted storage written with
 * {@code commit()}, not {@code apply()}.
 */
public interface SessionStore {

	/**
	 * The tokens kept.
	 * @return the tokens, or null when signed out
	 * @throws IOException when the storage cannot be read
	 */
	Tokens load() throws IOException;

	/**
	 * Keeps new tokens in place of the old, durably.
	 * @param tokens the tokens
	 * @throws IOException when the storage refuses; the old tokens are kept then
	 */
	void save(Tokens tokens) throws IOException;

	/**
	 * Forgets the tokens.
	 * @throws IOException when the storage refuses
	 */
	void clear() throws IOException;

}
