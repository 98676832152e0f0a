package cn.ankang.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.json.JSONArray;
import org.json.JSONObject;

import cn.ankang.client.session.SessionStore;
import cn.ankang.client.session.Tokens;

/**
 * The signed-in session of a {@link BangfuClient}: its tokens as kept in the
 * {@link SessionStore}, sign-in, and the refresh that one thread at a time makes, the new
 * tokens on the disk before anyone uses them.
 */
final class Session {

	private static final Operation LOGIN = Operation.load("Login");

	private static final Operation REFRESH = Operation.load("RefreshSession");

	private final SessionStore sessions;

	private final GraphQlTransport transport;

	private final Duration refreshAhead;

	private final Clock clock;

	private final Object refreshing = new Object();

	Session(SessionStore sessions, GraphQlTransport transport, Duration refreshAhead, Clock clock) {
		this.sessions = sessions;
		this.transport = transport;
		this.refreshAhead = refreshAhead;
		this.clock = clock;
	}

	Tokens signIn(String username, String password, String deviceName) throws BangfuException {
		JSONObject input = new JSONObject().put("username", username)
			.put("password", password)
			.put("deviceName", deviceName);
		JSONObject payload = this.transport.exchange(LOGIN, new JSONObject().put("input", input), null)
			.data()
			.getJSONObject("login");
		if (payload.isNull("tokens")) {
			throw userErrors(payload, "Signing in failed");
		}
		Tokens tokens = Tokens.fromJson(payload.getJSONObject("tokens"));
		keep(tokens);
		return tokens;
	}

	String accessToken() throws BangfuException {
		Tokens tokens = load();
		if (tokens == null) {
			throw new SignInRequiredException("Not signed in", Collections.<String>emptyList());
		}
		if (tokens.accessTokenExpiresAt().isBefore(this.clock.instant().plus(this.refreshAhead))) {
			// refreshing now saves the round trip of a request the service would refuse
			tokens = refresh(tokens.accessToken());
		}
		return tokens.accessToken();
	}

	String refreshAfterRejection(String rejected) throws BangfuException {
		return refresh(rejected).accessToken();
	}

	/**
	 * Trades the refresh token for new tokens, once for every thread whose request the
	 * service rejected with the same access token: refresh tokens are one-time, and a
	 * second use ends the session.
	 */
	private Tokens refresh(String staleAccessToken) throws BangfuException {
		synchronized (this.refreshing) {
			Tokens current = load();
			if (current == null) {
				throw new SignInRequiredException("Not signed in", Collections.<String>emptyList());
			}
			if (!current.accessToken().equals(staleAccessToken)) {
				// another thread refreshed while this one waited
				return current;
			}
			if (!current.refreshTokenExpiresAt().isAfter(this.clock.instant())) {
				forget();
				throw new SignInRequiredException("The session expired", Collections.<String>emptyList());
			}
			JSONObject input = new JSONObject().put("refreshToken", current.refreshToken());
			JSONObject payload = this.transport.exchange(REFRESH, new JSONObject().put("input", input), null)
				.data()
				.getJSONObject("refreshSession");
			if (payload.isNull("tokens")) {
				PermanentException refused = userErrors(payload, "The session could not be refreshed");
				forget();
				throw new SignInRequiredException(refused.getMessage(), refused.codes());
			}
			Tokens fresh = Tokens.fromJson(payload.getJSONObject("tokens"));
			// the old refresh token is spent: the new one must be on the disk before
			// anything uses the new access token
			keep(fresh);
			return fresh;
		}
	}

	Tokens load() throws TransientException {
		try {
			return this.sessions.load();
		}
		catch (IOException ex) {
			throw new TransientException("The session store cannot be read", ex);
		}
	}

	private void keep(Tokens tokens) throws TransientException {
		try {
			this.sessions.save(tokens);
		}
		catch (IOException ex) {
			throw new TransientException("The session store cannot be written", ex);
		}
	}

	private void forget() throws TransientException {
		try {
			this.sessions.clear();
		}
		catch (IOException ex) {
			throw new TransientException("The session store cannot be written", ex);
		}
	}

	private static PermanentException userErrors(JSONObject payload, String fallback) {
		JSONArray errors = payload.optJSONArray("userErrors");
		List<String> codes = new ArrayList<>();
		String message = fallback;
		if (errors != null) {
			for (int i = 0; i < errors.length(); i++) {
				codes.add(errors.getJSONObject(i).optString("code"));
			}
			if (errors.length() > 0) {
				message = fallback + ": " + errors.getJSONObject(0).optString("message");
			}
		}
		return new PermanentException(message, 200, codes);
	}

}
