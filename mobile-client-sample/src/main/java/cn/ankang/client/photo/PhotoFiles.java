package cn.ankang.client.photo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

import cn.ankang.client.Operation;
import cn.ankang.client.storage.AtomicFiles;

/**
 * A photo's files on the phone, for {@link PhotoUploader}: the sized copy written once
 * beside the original, a file's SHA-256, and a piece of a file read for one
 * {@code PATCH}.
 */
final class PhotoFiles {

	private static final String SIZED = ".sized.jpg";

	private PhotoFiles() {
	}

	/** The file that goes up for a photo; see {@link PhotoUploader#prepare(Path)}. */
	static Path prepare(Path photo, PhotoScaler scaler, PhotoSizing sizing) throws IOException {
		if (scaler == null || photo.getFileName().toString().endsWith(SIZED)) {
			return photo;
		}
		Path sized = photo.resolveSibling(photo.getFileName() + SIZED);
		if (Files.exists(sized)) {
			return sized;
		}
		// written aside and moved into place, so that a file of that name is always whole
		Path partial = photo.resolveSibling(photo.getFileName() + SIZED + AtomicFiles.TEMPORARY_SUFFIX);
		if (!scaler.scale(photo, partial, sizing)) {
			Files.deleteIfExists(partial);
			return photo;
		}
		AtomicFiles.move(partial, sized);
		return sized;
	}

	static String sha256(Path photo) throws IOException {
		MessageDigest digest = Operation.newSha256Digest();
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = Files.newInputStream(photo)) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				digest.update(buffer, 0, n);
			}
		}
		return Operation.hex(digest.digest());
	}

	static byte[] read(Path photo, long offset, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		try (FileChannel channel = FileChannel.open(photo, StandardOpenOption.READ)) {
			while (buffer.hasRemaining()) {
				if (channel.read(buffer, offset + buffer.position()) < 0) {
					throw new IOException("The photo got shorter while it was uploaded");
				}
			}
		}
		return buffer.array();
	}

}
