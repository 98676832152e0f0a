package cn.ankang.bangfu.photo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Photos on local disk: partial uploads as {@code uploads/<id>.part}, photos as
 * {@code photos/<first two hex digits>/<sha256>}. A file lock keeps two requests (of this
 * or another process on the same disk) from writing one upload at once.
 */
class FileSystemPhotoStore implements PhotoStore {

	private static final int BUFFER = 64 * 1024;

	private final Path uploads;

	private final Path photos;

	FileSystemPhotoStore(Path directory) throws IOException {
		this.uploads = Files.createDirectories(directory.resolve("uploads"));
		this.photos = Files.createDirectories(directory.resolve("photos"));
	}

	@Override
	public long received(UUID upload) throws IOException {
		Path part = part(upload);
		return Files.exists(part) ? Files.size(part) : 0;
	}

	@Override
	public long append(UUID upload, long offset, InputStream bytes, long length) throws IOException {
		try (FileChannel channel = FileChannel.open(part(upload), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE)) {
			FileLock lock = tryLock(channel);
			if (lock == null) {
				throw new OffsetMismatch(-1);
			}
			try (lock) {
				long held = channel.size();
				if (held != offset) {
					throw new OffsetMismatch(held);
				}
				channel.position(held);
				byte[] buffer = new byte[BUFFER];
				int read;
				// each buffer goes to the file as it comes, so a cut keeps what arrived
				while ((read = bytes.read(buffer)) != -1) {
					if (channel.position() + read > length) {
						channel.truncate(offset);
						throw new TooLong();
					}
					ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
					while (chunk.hasRemaining()) {
						channel.write(chunk);
					}
				}
				channel.force(false);
				return channel.size();
			}
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
	}

	@Override
	public InputStream openUpload(UUID upload) throws IOException {
		return Files.newInputStream(part(upload));
	}

	@Override
	public void discard(UUID upload) throws IOException {
		Files.deleteIfExists(part(upload));
	}

	@Override
	public void promote(UUID upload, String sha256) throws IOException {
		Path target = photo(sha256);
		Files.createDirectories(target.getParent());
		Files.move(part(upload), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	@Override
	public InputStream open(String sha256) throws IOException {
		return Files.newInputStream(photo(sha256));
	}

	private Path part(UUID upload) {
		return this.uploads.resolve(upload + ".part");
	}

	private Path photo(String sha256) {
		if (!sha256.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException("Not a SHA-256: " + sha256);
		}
		return this.photos.resolve(sha256.substring(0, 2)).resolve(sha256);
	}

}
