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
import java.util.UUID;
import java.util.regex.Pattern;

import org.json.JSONArray;
import org.json.JSONObject;

import cn.ankang.client.storage.AtomicFiles;

/**
 * An {@link Outbox} in plain files: one JSON file per visit, named by its uuid, in
 * {@code queue/}; held visits move to {@code conflicts/} or {@code rejected/}. Every file
 * is written whole with {@link AtomicFiles}, so a kill at any moment leaves each visit
 * either as it was or as it became. Files that cannot be read as a visit (a damaged disk)
 * move to {@code damaged/} and are never sent.
 */
public final class FileOutbox implements Outbox {

	private static final Pattern VISIT_FILE = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.json");

	private static final Comparator<QueuedVisit> OLDEST_FIRST = Comparator.comparing(QueuedVisit::queuedAt)
		.thenComparing(QueuedVisit::uuid);

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
	public synchronized QueuedVisit record(VisitDraft draft) throws IOException {
		String uuid = UUID.randomUUID().toString();
		Instant now = this.clock.instant();
		// a strict order even when the clock stands still or steps back
		if (!now.isAfter(this.lastQueuedAt)) {
			now = this.lastQueuedAt.plusNanos(1);
		}
		this.lastQueuedAt = now;
		QueuedVisit visit = new QueuedVisit(uuid, draft.toInput(uuid), now);
		AtomicFiles.write(file(this.queue, uuid), bytes(visit.toJson()));
		return visit;
	}

	@Override
	public synchronized List<QueuedVisit> next(int max) throws IOException {
		List<QueuedVisit> visits = new ArrayList<>();
		for (Path file : visitFiles(this.queue)) {
			JSONObject json = read(file);
			if (json != null) {
				visits.add(QueuedVisit.fromJson(json));
			}
		}
		Collections.sort(visits, OLDEST_FIRST);
		return new ArrayList<>(visits.subList(0, Math.min(max, visits.size())));
	}

	@Override
	public synchronized int size() throws IOException {
		return visitFiles(this.queue).size();
	}

	@Override
	public synchronized void delivered(String uuid) throws IOException {
		AtomicFiles.delete(file(this.queue, uuid));
	}

	@Override
	public synchronized void conflict(String uuid, JSONArray errors) throws IOException {
		hold(uuid, "CONFLICT", errors, this.conflicts);
	}

	@Override
	public synchronized void reject(String uuid, JSONArray errors) throws IOException {
		hold(uuid, "REJECTED", errors, this.rejected);
	}

	@Override
	public synchronized List<HeldVisit> conflicts() throws IOException {
		return held(this.conflicts);
	}

	@Override
	public synchronized List<HeldVisit> rejections() throws IOException {
		return held(this.rejected);
	}

	private void hold(String uuid, String status, JSONArray errors, Path folder) throws IOException {
		Path queued = file(this.queue, uuid);
		JSONObject json = read(queued);
		if (json == null) {
			return;
		}
		json.put("status", status).put("errors", errors);
		// the held copy first, then the queued one goes: a kill in between leaves the
		// visit in both, and sending it again ends the same way
		AtomicFiles.write(file(folder, uuid), bytes(json));
		AtomicFiles.delete(queued);
	}

	private List<HeldVisit> held(Path folder) throws IOException {
		List<HeldVisit> visits = new ArrayList<>();
		for (Path file : visitFiles(folder)) {
			JSONObject json = read(file);
			if (json != null) {
				visits.add(new HeldVisit(QueuedVisit.fromJson(json), json.getString("status"),
						json.getJSONArray("errors")));
			}
		}
		Collections.sort(visits, Comparator.comparing((HeldVisit held) -> held.visit().queuedAt()));
		return visits;
	}

	/** The file's visit, or null when it is gone or cannot be read as one. */
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
			QueuedVisit visit = QueuedVisit.fromJson(json);
			if (!file.getFileName().toString().equals(visit.uuid() + ".json")) {
				throw new IllegalStateException("named after another visit");
			}
			return json;
		}
		catch (RuntimeException ex) {
			// never send what cannot be read whole; keep it for a person to look at
			AtomicFiles.move(file, this.damaged.resolve(file.getFileName() + "." + System.nanoTime()));
			return null;
		}
	}

	private static List<Path> visitFiles(Path folder) throws IOException {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
			for (Path entry : entries) {
				if (VISIT_FILE.matcher(entry.getFileName().toString()).matches()) {
					files.add(entry);
				}
			}
		}
		return files;
	}

	private static Path file(Path folder, String uuid) {
		String name = uuid + ".json";
		if (!VISIT_FILE.matcher(name).matches()) {
			throw new IllegalArgumentException("Not a visit's uuid: " + uuid);
		}
		return folder.resolve(name);
	}

	private static byte[] bytes(JSONObject json) {
		return json.toString().getBytes(StandardCharsets.UTF_8);
	}

}
