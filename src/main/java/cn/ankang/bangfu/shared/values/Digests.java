package cn.ankang.bangfu.shared.values;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of text: what the service keeps of refresh tokens, how it tells a resend from
 * an edit, and the name of an imported file.
 */
public final class Digests {

	private Digests() {
	}

	/** The SHA-256 of the text's UTF-8 bytes. */
	public static byte[] sha256(String text) {
		return sha256().digest(text.getBytes(StandardCharsets.UTF_8));
	}

	/** A new SHA-256 digest, for content fed in parts (a file as it streams in). */
	public static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
