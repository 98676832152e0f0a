package cn.ankang.client.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import org.json.JSONArray;
import org.json.JSONObject;

import cn.ankang.client.storage.AtomicFiles;

/**
 * An {@link Outbox} in plain files: one JSON file per write, of whatever kind, named by
 * its id, in {@code queue/}; held writes move to {@code conflicts/} or {@code rejected/}.
 * Every file is written whole with {@link AtomicFiles}, so a kill at any moment leaves
 * each write either as it was or as it became. Files that cannot be read as a write (a
 * damaged disk) move to {@code damaged/} and are never sent. Files of visits queued
 * before the outbox held other kinds read as visits. A photo's file holds where the photo
 * to send lies and its hash, not its bytes: the photo stays where the app keeps it.
 */
public final class FileOutbox implements Outbox {

	private static final Pattern WRITE_FILE = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.json");

	private static final Comparator<QueuedWrite> OLDEST_FIRST = Comparator.comparing(QueuedWrite::queuedAt)
		.thenComparing(QueuedWrite::id);

	private final Path queue;

	private final Path conflicts;

	private final Path rejected;

	private final Path damaged;

	private final Clock clock;

	private Instant lastQueuedAt = Instant.EPOCH;

	/**
	 * The outbox in this folder, made when missing; writes cut short by an earlier kill
	 * are cleared away.
	 * @param folder the folder
	 * @throws IOException when the folder cannot be made or read
	 */
	public FileOutbox(Path folder) throws IOException {
		this(folder, Clock.systemUTC());
	}

	/**
	 * The outbox in this folder, with a clock for the queue's order.
	 * @param folder the folder
	 * @param clock the clock
	 * @throws IOException when the folder cannot be made or read
	 */
	public FileOutbox(Path folder, Clock clock) throws IOException {
		this.queue = folder.resolve("queue");
		this.conflicts = folder.resolve("conflicts");
		this.rejected = folder.resolve("rejected");
		this.damaged = folder.resolve("damaged");
		this.clock = clock;
		for (Path each : new Path[] { this.queue, this.conflicts, this.rejected, this.damaged }) {
			Files.createDirectories(each);
			AtomicFiles.removeLeftovers(each);
		}
	}

	@Override
	public synchronized QueuedWrite record(Draft draft) throws IOException {
		String id = WriteIds.next(this.clock);
		Instant now = this.clock.instant();
		// a strict order even when the clock stands still or steps back
		if (!now.isAfter(this.lastQueuedAt)) {
			now = this.lastQueuedAt.plusNanos(1);
		}
		this.lastQueuedAt = now;
		QueuedWrite write = new QueuedWrite(draft.kind(), id, draft.toInput(id), now);
		AtomicFiles.write(file(this.queue, id), bytes(write.toJson()));
		return write;
	}

	@Override
	public synchronized List<QueuedWrite> next(int max) throws IOException {
		List<QueuedWrite> writes = new ArrayList<>();
		for (Path file : writeFiles(this.queue)) {
			JSONObject json = read(file);
			if (json != null) {
				writes.add(QueuedWrite.fromJson(json));
			}
		}
		Collections.sort(writes, OLDEST_FIRST);
		return new ArrayList<>(writes.subList(0, Math.min(max, writes.size())));
	}

	@Override
	public synchronized int size() throws IOException {
		return writeFiles(this.queue).size();
	}

	@Override
	public synchronized void delivered(String id) throws IOException {
		AtomicFiles.delete(file(this.queue, id));
	}

	@Override
	public synchronized void conflict(String id, JSONArray errors) throws IOException {
		hold(id, "CONFLICT", errors, this.conflicts);
	}

	@Override
	public synchronized void reject(String id, JSONArray errors) throws IOException {
		hold(id, "REJECTED", errors, this.rejected);
	}

	@Override
	public synchronized List<HeldWrite> conflicts() throws IOException {
		return held(this.conflicts);
	}

	@Override
	public synchronized List<HeldWrite> rejections() throws IOException {
		return held(this.rejected);
	}

	private void hold(String id, String status, JSONArray errors, Path folder) throws IOException {
		Path queued = file(this.queue, id);
		JSONObject json = read(queued);
		if (json == null) {
			return;
		}
		json.put("status", status).put("errors", errors);
		// the held copy first, then the queued one goes: a kill in between leaves the
		// write in both, and sending it again ends the same way
		AtomicFiles.write(file(folder, id), bytes(json));
		AtomicFiles.delete(queued);
	}

	private List<HeldWrite> held(Path folder) throws IOException {
		List<HeldWrite> writes = new ArrayList<>();
		for (Path file : writeFiles(folder)) {
			JSONObject json = read(file);
			if (json != null) {
				writes.add(new HeldWrite(QueuedWrite.fromJson(json), json.getString("status"),
						json.getJSONArray("errors")));
			}
		}
		Collections.sort(writes, Comparator.comparing((HeldWrite held) -> held.write().queuedAt()));
		return writes;
	}

	/** The file's write, or null when it is gone or cannot be read as one. */
	private JSONObject read(Path file) throws IOException {
		byte[] content;
		try {
			content = Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		try {
			JSONObject json = new JSONObject(new String(content, StandardCharsets.UTF_8));
			QueuedWrite write = QueuedWrite.fromJson(json);
			if (!file.getFileName().toString().equals(write.id() + ".json")) {
				throw new IllegalStateException("named after another write");
			}
			return json;
		}
		catch (RuntimeException ex) {
			// never send what cannot be read whole; keep it for a person to look at
			AtomicFiles.move(file, this.damaged.resolve(file.getFileName() + "." + System.nanoTime()));
			return null;
		}
	}

	private static List<Path> writeFiles(Path folder) throws IOException {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
			for (Path entry : entries) {
				if (WRITE_FILE.matcher(entry.getFileName().toString()).matches()) {
					files.add(entry);
				}
			}
		}
		return files;
	}

	private static Path file(Path folder, String id) {
		String name = id + ".json";
		if (!WRITE_FILE.matcher(name).matches()) {
			throw new IllegalArgumentException("Not a write's id: " + id);
		}
		return folder.resolve(name);
	}

	private static byte[] bytes(JSONObject json) {
		return json.toString().getBytes(StandardCharsets.UTF_8);
	}

}
