package cn.ankang.client.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.json.JSONObject;

import cn.ankang.client.storage.AtomicFiles;

/**
 * Keeps the tokens in one JSON file, replaced atomically. A sample for the command line
 * and tests: on a phone, keep them in encrypted storage instead.
 */
public final class FileSessionStore implements SessionStore {

	private final Path file;

	/**
	 * A store in this file; its folder is made when missing.
	 * @param file the file
	 * @throws IOException when the folder cannot be made
	 */
	public FileSessionStore(Path file) throws IOException {
		this.file = file;
		Files.createDirectories(file.toAbsolutePath().getParent());
	}

	@Override
	public synchronized Tokens load() throws IOException {
		if (!Files.exists(this.file)) {
			return null;
		}
		try {
			return Tokens.fromJson(new JSONObject(new String(Files.readAllBytes(this.file), StandardCharsets.UTF_8)));
		}
		catch (RuntimeException ex) {
			// unreadable tokens are no session: the cadre signs in again
			return null;
		}
	}

	@Override
	public synchronized void save(Tokens tokens) throws IOException {
		AtomicFiles.write(this.file, tokens.toJson().toString().getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public synchronized void clear() throws IOException {
		AtomicFiles.delete(this.file);
	}

}
