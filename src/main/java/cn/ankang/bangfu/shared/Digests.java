package cn.ankang.bangfu.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of text: what the service keeps of refresh tokens, and how it tells a resend
 * from an edit.
 */
public final class Digests {

	private Digests() {
	}

	/** The SHA-256 of the text's UTF-8 bytes. */
	public static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
