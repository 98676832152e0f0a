package cn.ankang.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One GraphQL operation the client sends, with the SHA-256 of its exact text for
 * automatic persisted queries. The documents live in {@code bangfu-client/*.graphql} on
 * the classpath, one operation per file named after it, so that the service's tests can
 * check them against its schema.
 */
public final class Operation {

	/** Where the documents are on the classpath. */
	public static final String FOLDER = "bangfu-client/";

	private static final Pattern HEADER = Pattern.compile("\\b(query|mutation)\\s+([_A-Za-z][_0-9A-Za-z]*)");

	private final String name;

	private final String document;

	private final String sha256;

	private final boolean mutation;

	private Operation(String name, String document, boolean mutation) {
		this.name = name;
		this.document = document;
		this.mutation = mutation;
		this.sha256 = sha256Hex(document.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * An operation from its document text, e.g. one an Android app keeps in its assets.
	 * @param document the text of one named query or mutation
	 * @return the operation
	 * @throws IllegalArgumentException when the text names no query or mutation
	 */
	public static Operation of(String document) {
		Matcher header = HEADER.matcher(document);
		if (!header.find()) {
			throw new IllegalArgumentException("A document starts with 'query Name' or 'mutation Name'");
		}
		return new Operation(header.group(2), document, header.group(1).equals("mutation"));
	}

	/**
	 * The operation in {@code bangfu-client/<name>.graphql} on the classpath.
	 * @param name the operation's name, e.g. {@code SyncVisits}
	 * @return the operation
	 * @throws IllegalStateException when the file is missing or names another operation
	 */
	public static Operation load(String name) {
		String path = FOLDER + name + ".graphql";
		try (InputStream in = Operation.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException(path + " is not on the classpath");
			}
			ByteArrayOutputStream text = new ByteArrayOutputStream();
			byte[] buffer = new byte[4096];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				text.write(buffer, 0, n);
			}
			Operation operation = of(new String(text.toByteArray(), StandardCharsets.UTF_8));
			if (!operation.name.equals(name)) {
				throw new IllegalStateException(path + " holds operation " + operation.name);
			}
			return operation;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The operation's name, sent as {@code operationName}.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The document text, exactly as hashed.
	 * @return the text
	 */
	public String document() {
		return this.document;
	}

	/**
	 * The lower-case hex SHA-256 of the document's UTF-8 bytes.
	 * @return the hash the service knows the document by
	 */
	public String sha256() {
		return this.sha256;
	}

	/**
	 * Whether the operation is a mutation.
	 * @return true for mutations, false for queries
	 */
	public boolean isMutation() {
		return this.mutation;
	}

	@Override
	public String toString() {
		return this.name;
	}

	/**
	 * The lower-case hex SHA-256 of some bytes.
	 * @param bytes the bytes
	 * @return 64 hex digits
	 */
	public static String sha256Hex(byte[] bytes) {
		return hex(newSha256Digest().digest(bytes));
	}

	/**
	 * A fresh SHA-256 digest.
	 * @return the digest
	 */
	public static MessageDigest newSha256Digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime and Android has SHA-256", ex);
		}
	}

	/**
	 * Bytes as lower-case hex, as the service writes hashes.
	 * @param bytes the bytes
	 * @return two hex digits per byte
	 */
	public static String hex(byte[] bytes) {
		// java.util.HexFormat is too new for the phones in the field
		char[] digits = "0123456789abcdef".toCharArray();
		StringBuilder text = new StringBuilder(bytes.length * 2);
		for (byte b : bytes) {
			text.append(digits[(b >> 4) & 0xf]).append(digits[b & 0xf]);
		}
		return text.toString();
	}

}
