package cn.ankang.bangfu.photo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The picture formats accepted, recognised by their first bytes: a name or a declared
 * type proves nothing about what a file holds.
 */
enum PhotoType {

	JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp");

	/** Bytes needed to recognise every type. */
	static final int SIGNATURE_LENGTH = 12;

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private final String contentType;

	PhotoType(String contentType) {
		this.contentType = contentType;
	}

	String contentType() {
		return this.contentType;
	}

	static Optional<PhotoType> ofContentType(String contentType) {
		return Arrays.stream(values()).filter((type) -> type.contentType.equalsIgnoreCase(contentType)).findFirst();
	}

	/** The type the bytes are, judged by their first {@link #SIGNATURE_LENGTH} bytes. */
	static Optional<PhotoType> sniff(byte[] head) {
		if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
			return Optional.of(JPEG);
		}
		if (head.length >= PNG_SIGNATURE.length
				&& Arrays.equals(Arrays.copyOf(head, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
			return Optional.of(PNG);
		}
		if (head.length >= SIGNATURE_LENGTH && new String(head, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
				&& new String(head, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
			return Optional.of(WEBP);
		}
		return Optional.empty();
	}

}
