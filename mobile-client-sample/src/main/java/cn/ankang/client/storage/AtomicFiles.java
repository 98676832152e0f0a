package cn.ankang.client.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files so that a reader finds either the old content or the new, never a part:
 * the bytes go to a temporary file in the same folder, are forced to the disk, and the
 * temporary file is renamed over the target in one step; then the folder itself is forced
 * so that the rename survives a power cut. Temporary files start with a dot and end in
 * {@value #TEMPORARY_SUFFIX}: readers skip them and {@link #removeLeftovers(Path)} clears
 * those a kill left behind.
 */
public final class AtomicFiles {

	/** How temporary files end. */
	public static final String TEMPORARY_SUFFIX = ".tmp";

	private AtomicFiles() {
	}

	/**
	 * Replaces a file's content with these bytes, all at once.
	 * @param target the file
	 * @param content its new content
	 * @throws IOException when the disk refuses; the file then keeps its old content
	 */
	public static void write(Path target, byte[] content) throws IOException {
		Path folder = target.toAbsolutePath().getParent();
		Path temporary = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TEMPORARY_SUFFIX);
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				// the data goes to the disk before the name points at it,
				// or a power cut could leave the new name on an empty file
				channel.force(true);
			}
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
		forceFolder(folder);
	}

	/**
	 * Deletes a file, durably.
	 * @param target the file; nothing happens when it does not exist
	 * @return whether it existed
	 * @throws IOException when the disk refuses
	 */
	public static boolean delete(Path target) throws IOException {
		boolean existed = Files.deleteIfExists(target);
		if (existed) {
			forceFolder(target.toAbsolutePath().getParent());
		}
		return existed;
	}

	/**
	 * Moves a file into another folder of the same file system, durably.
	 * @param source the file
	 * @param target where it goes
	 * @throws IOException when the disk refuses
	 */
	public static void move(Path source, Path target) throws IOException {
		Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		forceFolder(target.toAbsolutePath().getParent());
		forceFolder(source.toAbsolutePath().getParent());
	}

	/**
	 * Whether a file name is one of the temporary files of a write.
	 * @param file the file
	 * @return true for temporary files
	 */
	public static boolean isTemporary(Path file) {
		String name = file.getFileName().toString();
		return name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX);
	}

	/**
	 * Deletes the temporary files that writes cut short by a kill left in a folder. Call
	 * it before anything writes there.
	 * @param folder the folder
	 * @return how many were deleted
	 * @throws IOException when the folder cannot be read
	 */
	public static int removeLeftovers(Path folder) throws IOException {
		int removed = 0;
		try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
			for (Path file : files) {
				if (isTemporary(file) && Files.deleteIfExists(file)) {
					removed++;
				}
			}
		}
		return removed;
	}

	private static void forceFolder(Path folder) {
		// on Linux and Android a rename is durable once its folder is forced; other
		// systems do not open folders as channels, and keep renames durable on their own
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// nothing more can be done for durability here
		}
	}

}
