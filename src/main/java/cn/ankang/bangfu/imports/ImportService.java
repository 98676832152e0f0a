package cn.ankang.bangfu.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.audit.HttpAudit;
import cn.ankang.bangfu.security.jurisdiction.ScopedTransactionManager;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.values.Digests;
import cn.ankang.bangfu.shared.errors.ErrorCode;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports from upload to commit. A file is stored under the import's id as it streams in
 * (hashed and bounded on the way), checked in the background as its uploader — every row
 * read, every reference and the jurisdiction checked, the differences with the records
 * found, nothing stored — and, once the uploader confirms its SHA-256, committed: the
 * same file read again and applied in one transaction, refused whole if the records moved
 * since the check. Progress is polled from the running job; the outcome stays on record.
 */
@Service
class ImportService {

	private static final Logger log = LoggerFactory.getLogger(ImportService.class);

	/** How often, in rows, a running job checks whether it was cancelled. */
	private static final int CANCEL_EVERY = 256;

	private final Map<String, ImportKind> kinds;

	private final ImportRuns runs;

	private final ImportProperties properties;

	private final HttpAudit audit;

	private final Clock clock;

	private final PlatformTransactionManager transactions;

	private final TransactionTemplate writes;

	private final TransactionTemplate reads;

	private final ExecutorService workers = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "bangfu-import");
		thread.setDaemon(true);
		return thread;
	});

	private final ConcurrentMap<UUID, Job> jobs = new ConcurrentHashMap<>();

	ImportService(List<ImportKind> kinds, ImportRuns runs, ImportProperties properties, HttpAudit audit, Clock clock,
			PlatformTransactionManager transactions) {
		this.kinds = kinds.stream()
			.sorted(java.util.Comparator.comparingInt(ImportService::order))
			.collect(Collectors.toMap(ImportKind::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
		this.runs = runs;
		this.properties = properties;
		this.audit = audit;
		this.clock = clock;
		this.transactions = transactions;
		this.writes = new TransactionTemplate(transactions);
		this.reads = new TransactionTemplate(transactions);
		this.reads.setReadOnly(true);
	}

	/** The order a city moves in: what a kind refers to comes before it. */
	private static final List<String> ORDER = List.of("AREAS", "UNIT_PAIRINGS", "HOUSEHOLDS", "HOUSEHOLD_MEASURES",
			"CADRE_POSTINGS", "PROJECTS", "PROJECT_SPENDING", "RISK_WARNINGS");

	private static int order(ImportKind kind) {
		int order = ORDER.indexOf(kind.code());
		return (order < 0) ? ORDER.size() : order;
	}

	@PreDestroy
	void stop() throws InterruptedException {
		this.workers.shutdownNow();
		this.workers.awaitTermination(10, TimeUnit.SECONDS);
	}

	/** A job running now, with its progress. */
	static final class Job {

		final AtomicInteger rowsRead = new AtomicInteger();

		volatile Findings findings = new Findings();

		volatile boolean cancelled;

	}

	/** The kinds the user may import. */
	List<ImportKind> kinds() {
		CurrentUser user = Auth.require();
		return this.kinds.values().stream().filter((kind) -> kind.mayImport(user)).toList();
	}

	ImportKind kind(String code) {
		ImportKind kind = this.kinds.get(code.toUpperCase(Locale.ROOT));
		if (kind == null) {
			throw new ApiException(ErrorCode.NOT_FOUND,
					"There is no import of kind '%s': the kinds are %s.".formatted(code, this.kinds.keySet()));
		}
		return kind;
	}

	/**
	 * Receives a file and starts its check.
	 * @throws ApiException {@code FORBIDDEN} for a role that may not import the kind,
	 * {@code DOCUMENT_TOO_LARGE} beyond the size limit
	 * @throws ImportRefusal for a file that is not a workbook or CSV
	 */
	ImportRuns.Run receive(String kindCode, String fileName, InputStream body, long declaredLength) throws IOException {
		CurrentUser user = Auth.require();
		ImportKind kind = kind(kindCode);
		if (!kind.mayImport(user)) {
			throw ApiException.forbidden("Your roles may not import %s.".formatted(kind.code()));
		}
		String name = fileName(fileName);
		if (declaredLength > this.properties.maxBytes()) {
			throw tooLarge();
		}
		Files.createDirectories(this.properties.directory());
		UUID id = UUID.randomUUID();
		Path partial = this.properties.directory().resolve(id + ".part");
		MessageDigest digest = Digests.sha256();
		long size;
		try (InputStream in = new DigestInputStream(body, digest); OutputStream out = Files.newOutputStream(partial)) {
			size = copyBounded(in, out, this.properties.maxBytes());
		}
		catch (RuntimeException | IOException ex) {
			Files.deleteIfExists(partial);
			throw ex;
		}
		if (size < 0) {
			Files.deleteIfExists(partial);
			throw tooLarge();
		}
		Spreadsheets.Format format;
		try {
			format = Spreadsheets.format(partial, name);
		}
		catch (ImportRefusal ex) {
			Files.deleteIfExists(partial);
			throw ex;
		}
		Path file = Files.move(partial, path(id), StandardCopyOption.ATOMIC_MOVE);
		String sha256 = HexFormat.of().formatHex(digest.digest());
		long stored = Files.size(file);
		this.writes.executeWithoutResult(
				(status) -> this.runs.insert(id, kind.code(), name, format, sha256, stored, user.userKey()));
		submit(id, false);
		// the file holds people's data: that it came in, and from whom, is on record
		this.audit.mutation(user, "uploadImport", List.of(id.toString()), null);
		return run(id);
	}

	/** An import as it stands, with a running job's progress. */
	ImportRuns.Run run(UUID id) {
		Auth.require();
		ImportRuns.Run run = this.reads.execute((status) -> this.runs.find(id))
			.orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "There is no import " + id + " of yours."));
		Job job = this.jobs.get(id);
		if (job != null && run.status().running()) {
			return new ImportRuns.Run(run.id(), run.kind(), run.fileName(), run.format(), run.sha256(), run.sizeBytes(),
					run.userKey(), run.status(), job.rowsRead.get(), job.findings.problems(), run.toCreate(),
					run.toChange(), run.unchanged(), run.created(), run.changed(), run.planDigest(), run.message(),
					run.messageArgs(), run.receivedAt(), run.checkedAt(), run.committedAt(), run.finishedAt());
		}
		return run;
	}

	/**
	 * Imports left running by a service that stopped under them stored nothing (their
	 * transactions died with it): on start they are marked failed, to be checked again.
	 * One service runs an import from upload to end; with several, this belongs in a
	 * lease each job renews.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void markInterrupted() {
		Integer marked = ScopedTransactionManager.upkeep(this.transactions)
			.execute((status) -> this.runs.interrupted());
		if (marked != null && marked > 0) {
			log.warn("{} imports were running when the service stopped; they stored nothing and are marked failed",
					marked);
		}
	}

	/** Waits up to the given time for a running import to end, then answers it. */
	ImportRuns.Run await(UUID id, int seconds) throws InterruptedException {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(0, Math.min(seconds, 60)));
		ImportRuns.Run run = run(id);
		while (run.status().running() && System.nanoTime() < until) {
			Thread.sleep(50);
			run = run(id);
		}
		return run;
	}

	List<ImportRuns.Run> recent(int limit) {
		Auth.require();
		return this.reads.execute((status) -> this.runs.recent(limit));
	}

	/**
	 * Commits a checked import whose SHA-256 the uploader confirms.
	 * @param sha256 the hash of the file the uploader checked and means to commit
	 */
	ImportRuns.Run commit(UUID id, String sha256, @Nullable String address) {
		CurrentUser user = Auth.require();
		ImportRuns.Run run = own(id, user);
		if (!run.sha256().equalsIgnoreCase(sha256.strip())) {
			throw new ImportRefusal("file.notConfirmed");
		}
		if (run.status() != ImportStatus.CHECKED) {
			throw new ApiException(ErrorCode.INVALID_STATE,
					"Import %s is %s: only a checked import without problems is committed.".formatted(id,
							run.status()));
		}
		if (!Boolean.TRUE.equals(
				this.writes.execute((status) -> this.runs.start(id, ImportStatus.CHECKED, ImportStatus.COMMITTING)))) {
			throw new ApiException(ErrorCode.INVALID_STATE, "Import %s is being committed already.".formatted(id));
		}
		this.audit.mutation(user, "commitImport", List.of(id.toString()), address);
		submit(id, true);
		return run(id);
	}

	/** Checks an import's file again (after the records changed, or a failure). */
	ImportRuns.Run recheck(UUID id) {
		CurrentUser user = Auth.require();
		ImportRuns.Run run = own(id, user);
		ImportStatus from = run.status();
		if (from != ImportStatus.CHECKED && from != ImportStatus.REJECTED && from != ImportStatus.FAILED) {
			throw new ApiException(ErrorCode.INVALID_STATE,
					"Import %s is %s: it cannot be checked again.".formatted(id, from));
		}
		if (!Files.exists(path(id))) {
			throw new ImportRefusal("file.gone");
		}
		if (Boolean.TRUE.equals(this.writes.execute((status) -> this.runs.start(id, from, ImportStatus.CHECKING)))) {
			submit(id, false);
		}
		return run(id);
	}

	/** Gives up an import before it is committed. */
	ImportRuns.Run cancel(UUID id) {
		CurrentUser user = Auth.require();
		ImportRuns.Run run = own(id, user);
		Job job = this.jobs.get(id);
		if (run.status() == ImportStatus.CHECKING && job != null) {
			job.cancelled = true;
		}
		else if (run.status() == ImportStatus.CHECKED || run.status() == ImportStatus.REJECTED
				|| run.status() == ImportStatus.FAILED) {
			this.writes.executeWithoutResult(
					(status) -> this.runs.ended(id, ImportStatus.CANCELLED, "import.cancelled", List.of()));
			delete(id);
		}
		else if (run.status() != ImportStatus.CANCELLED) {
			throw new ApiException(ErrorCode.INVALID_STATE,
					"Import %s is %s: only an import not yet committed is cancelled.".formatted(id, run.status()));
		}
		return run(id);
	}

	/** A page of an import's findings, with the total of their kinds. */
	Page findings(UUID id, List<Findings.Kind> kinds, int offset, int limit, @Nullable String address) {
		CurrentUser user = Auth.require();
		ImportRuns.Run run = run(id);
		// the differences show records' stored values: personal data, read on record
		if (kinds.contains(Findings.Kind.CHANGE)) {
			this.audit.personalRead(user, "importFindings", List.of(run.id().toString()), address);
		}
		return this.reads.execute(
				(status) -> new Page(this.runs.countFindings(id, kinds), this.runs.findings(id, kinds, offset, limit)));
	}

	record Page(int total, List<Findings.Finding> findings) {
	}

	/** The checked file's path, while it is kept. */
	Path path(UUID id) {
		return this.properties.directory().resolve(id.toString());
	}

	private ImportRuns.Run own(UUID id, CurrentUser user) {
		ImportRuns.Run run = run(id);
		if (run.userKey() != user.userKey()) {
			throw ApiException.forbidden("Only the uploader commits, checks again or cancels an import.");
		}
		return run;
	}

	private void submit(UUID id, boolean commit) {
		Job job = new Job();
		this.jobs.put(id, job);
		this.workers.execute(DelegatingSecurityContextRunnable.create(() -> {
			try {
				if (commit) {
					commit(id, job);
				}
				else {
					check(id, job);
				}
			}
			finally {
				this.jobs.remove(id);
			}
		}, SecurityContextHolder.getContext()));
	}

	private void check(UUID id, Job job) {
		ImportRuns.Run run = this.reads.execute((status) -> this.runs.find(id)).orElseThrow();
		Findings findings = new Findings();
		job.findings = findings;
		long started = System.nanoTime();
		try {
			if (this.reads.execute((status) -> read(run, job, findings, false)) == null) {
				ended(id, ImportStatus.CANCELLED, "import.cancelled");
				return;
			}
			store(id, job, findings, null);
			log.info("Import {} ({}) checked in {} ms: {} rows, {} problems", id, run.kind(),
					(System.nanoTime() - started) / 1_000_000, job.rowsRead.get(), findings.problems());
		}
		catch (ImportRefusal ex) {
			// a file refused whole is refused for that alone: its rows' problems would
			// only distract
			Findings refusal = new Findings();
			refusal.problem(null, null, null, ex.key(), ex.args().toArray(String[]::new));
			store(id, job, refusal, ex);
		}
		catch (RuntimeException ex) {
			log.error("Checking import {} failed", id, ex);
			ended(id, ImportStatus.FAILED, "import.failed");
		}
	}

	private void store(UUID id, Job job, Findings findings, @Nullable ImportRefusal refusal) {
		ImportStatus status = (findings.problems() > 0) ? ImportStatus.REJECTED : ImportStatus.CHECKED;
		this.writes.executeWithoutResult((tx) -> {
			this.runs.replaceFindings(id, findings.all());
			this.runs.checked(id, status, job.rowsRead.get(), findings.problems(), findings.creates(),
					findings.changes(), findings.unchanged(), findings.planDigest(),
					(refusal != null) ? refusal.key() : null, (refusal != null) ? refusal.args() : List.of());
		});
	}

	private void commit(UUID id, Job job) {
		ImportRuns.Run run = this.reads.execute((status) -> this.runs.find(id)).orElseThrow();
		Findings findings = new Findings();
		job.findings = findings;
		long started = System.nanoTime();
		try {
			if (!Files.exists(path(id))) {
				ended(id, ImportStatus.FAILED, "file.gone");
				return;
			}
			if (!run.sha256().equals(sha256(path(id)))) {
				ended(id, ImportStatus.FAILED, "file.changed");
				return;
			}
			String outcome = this.writes.execute((status) -> {
				ImportKind.Plan plan = read(run, job, findings, true);
				if (plan == null) {
					status.setRollbackOnly();
					return "import.failed";
				}
				if (findings.problems() > 0 || !findings.planDigest().equals(run.planDigest())) {
					status.setRollbackOnly();
					return "import.stale";
				}
				plan.apply();
				this.runs.committed(id, job.rowsRead.get(), findings.creates(), findings.changes());
				return null;
			});
			if (outcome != null) {
				ended(id, ImportStatus.FAILED, outcome);
				return;
			}
			log.info("Import {} ({}) committed in {} ms: {} created, {} changed", id, run.kind(),
					(System.nanoTime() - started) / 1_000_000, findings.creates(), findings.changes());
			delete(id);
		}
		catch (ImportRefusal ex) {
			ended(id, ImportStatus.FAILED, "import.stale");
		}
		catch (RuntimeException ex) {
			log.error("Committing import {} failed; nothing was stored", id, ex);
			ended(id, ImportStatus.FAILED, "import.failed");
		}
	}

	/**
	 * Reads the file's rows into the kind's batch and plans them; on commit under the
	 * kind's lock and the import's change id, so that the plan the caller applies is made
	 * in the transaction it is applied in.
	 * @return the plan, or null when cancelled
	 */
	private ImportKind.@Nullable Plan read(ImportRuns.Run run, Job job, Findings findings, boolean commit) {
		ImportKind kind = kind(run.kind());
		CurrentUser user = Auth.require();
		this.runs.preferIndexes();
		if (commit) {
			this.runs.lockKind(kind.code());
			this.runs.actAs(run.id());
		}
		if (run.format() == Spreadsheets.Format.XLSX) {
			inspect(path(run.id()));
		}
		try (Spreadsheets.Lines lines = Spreadsheets.open(path(run.id()), run.format(), run.fileName(), kind.sheet())) {
			ImportContext context = new ImportContext(run.id(), user, LocalDate.now(this.clock), lines.sheet(),
					findings);
			Map<String, Integer> indexes = header(lines, kind, findings);
			Map<String, ImportColumn> columns = new HashMap<>();
			kind.columns().forEach((column) -> columns.put(column.key(), column));
			ImportKind.Batch batch = kind.start(context);
			int rows = 0;
			while (lines.hasNext()) {
				Spreadsheets.Line line = lines.next();
				if (line.isBlank()) {
					continue;
				}
				rows++;
				if (rows > this.properties.maxRows()) {
					throw new ImportRefusal("file.tooManyRows", Integer.toString(this.properties.maxRows()));
				}
				if (rows % CANCEL_EVERY == 0 && job.cancelled) {
					return null;
				}
				batch.row(new ImportRow(lines.sheet(), line, indexes, columns, findings, lines.date1904()));
				job.rowsRead.set(rows);
			}
			if (rows == 0) {
				throw new ImportRefusal("file.noRows");
			}
			return job.cancelled ? null : batch.plan();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Finds the kind's columns in the header row: by header or alias, in any order;
	 * unknown ones are noticed and ignored, a required one missing refuses the file.
	 */
	private static Map<String, Integer> header(Spreadsheets.Lines lines, ImportKind kind, Findings findings) {
		Spreadsheets.Line header = null;
		while (lines.hasNext()) {
			Spreadsheets.Line line = lines.next();
			if (!line.isBlank()) {
				header = line;
				break;
			}
		}
		if (header == null) {
			throw new ImportRefusal("file.noHeader");
		}
		Map<String, String> names = new HashMap<>();
		for (ImportColumn column : kind.columns()) {
			names.put(normal(column.header()), column.key());
			column.aliases().forEach((alias) -> names.put(normal(alias), column.key()));
			names.put(normal(column.key()), column.key());
		}
		Map<String, Integer> indexes = new LinkedHashMap<>();
		for (int i = 0; i < header.cells().size(); i++) {
			String text = ImportRow.display(header.cell(i));
			if (text.isEmpty()) {
				continue;
			}
			String key = names.get(normal(text));
			if (key == null) {
				findings.notice(lines.sheet(), null, text, "file.columnIgnored", text);
			}
			else if (indexes.putIfAbsent(key, i) != null) {
				throw new ImportRefusal("file.duplicateColumn", text);
			}
		}
		List<String> missing = new ArrayList<>();
		for (ImportColumn column : kind.columns()) {
			if (column.required() && !indexes.containsKey(column.key())) {
				missing.add(column.header());
			}
		}
		if (!missing.isEmpty()) {
			throw new ImportRefusal("file.missingColumns", String.join("、", missing));
		}
		return indexes;
	}

	/** A header as compared: without spaces, a BOM, marks of required columns or case. */
	private static String normal(String header) {
		return header.replace("\uFEFF", "").replaceAll("[\\s*＊]|（必填）|\\(必填\\)", "").toLowerCase(Locale.ROOT);
	}

	private void inspect(Path file) {
		try {
			Spreadsheets.inspect(file, this.properties);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void ended(UUID id, ImportStatus status, String message) {
		this.writes.executeWithoutResult((tx) -> this.runs.ended(id, status, message, List.of()));
		if (status == ImportStatus.CANCELLED) {
			delete(id);
		}
	}

	private void delete(UUID id) {
		try {
			Files.deleteIfExists(path(id));
		}
		catch (IOException ex) {
			log.warn("Could not delete the file of import {}: {}", id, ex.getMessage());
		}
	}

	private static String sha256(Path file) {
		MessageDigest digest = Digests.sha256();
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Copies at most {@code max} bytes; -1 when there were more. */
	private static long copyBounded(InputStream in, OutputStream out, long max) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		int read;
		while ((read = in.read(buffer)) >= 0) {
			total += read;
			if (total > max) {
				return -1;
			}
			out.write(buffer, 0, read);
		}
		return total;
	}

	private ApiException tooLarge() {
		return new ApiException(ErrorCode.DOCUMENT_TOO_LARGE,
				"An import file is at most %d MB: split it.".formatted(this.properties.maxBytes() / (1024 * 1024)),
				Map.of("maxBytes", this.properties.maxBytes()));
	}

	/** The file's name as given, without any folder, at most 255 characters. */
	private static String fileName(String given) {
		String name = given.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).strip();
		name = name.chars().anyMatch(Character::isISOControl) ? "upload" : name;
		return name.isEmpty() ? "upload" : name.substring(0, Math.min(255, name.length()));
	}

	Optional<ImportKind> kindOf(ImportRuns.Run run) {
		return Optional.ofNullable(this.kinds.get(run.kind()));
	}

}
