package cn.ankang.bangfu.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.audit.HttpAudit;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.values.Digests;
import cn.ankang.bangfu.shared.errors.ErrorCode;

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
 * This is what the uploader drives; the background work is {@link ImportJobs}'s.
 */
@Service
class ImportService {

	private final ImportKinds kinds;

	private final ImportRuns runs;

	private final ImportJobs jobs;

	private final ImportUploads uploads;

	private final ImportProperties properties;

	private final HttpAudit audit;

	private final TransactionTemplate writes;

	private final TransactionTemplate reads;

	ImportService(ImportKinds kinds, ImportRuns runs, ImportJobs jobs, ImportUploads uploads,
			ImportProperties properties, HttpAudit audit, PlatformTransactionManager transactions) {
		this.kinds = kinds;
		this.runs = runs;
		this.jobs = jobs;
		this.uploads = uploads;
		this.properties = properties;
		this.audit = audit;
		this.writes = new TransactionTemplate(transactions);
		this.reads = new TransactionTemplate(transactions);
		this.reads.setReadOnly(true);
	}

	/**
	 * Receives a file and starts its check.
	 * @throws ApiException {@code FORBIDDEN} for a role that may not import the kind,
	 * {@code DOCUMENT_TOO_LARGE} beyond the size limit
	 * @throws ImportRefusal for a file that is not a workbook or CSV
	 */
	ImportRuns.Run receive(String kindCode, String fileName, InputStream body, long declaredLength) throws IOException {
		CurrentUser user = Auth.require();
		ImportKind kind = this.kinds.kind(kindCode);
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
		Path file = Files.move(partial, this.uploads.path(id), StandardCopyOption.ATOMIC_MOVE);
		String sha256 = HexFormat.of().formatHex(digest.digest());
		long stored = Files.size(file);
		this.writes.executeWithoutResult(
				(status) -> this.runs.insert(id, kind.code(), name, format, sha256, stored, user.userKey()));
		this.jobs.submit(id, false);
		// the file holds people's data: that it came in, and from whom, is on record
		this.audit.mutation(user, "uploadImport", List.of(id.toString()), null);
		return run(id);
	}

	/** An import as it stands, with a running job's progress. */
	ImportRuns.Run run(UUID id) {
		Auth.require();
		ImportRuns.Run run = this.reads.execute((status) -> this.runs.find(id))
			.orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "There is no import " + id + " of yours."));
		ImportJobs.Job job = this.jobs.get(id);
		if (job != null && run.status().running()) {
			return new ImportRuns.Run(run.id(), run.kind(), run.fileName(), run.format(), run.sha256(), run.sizeBytes(),
					run.userKey(), run.status(), job.rowsRead.get(), job.findings.problems(), run.toCreate(),
					run.toChange(), run.unchanged(), run.created(), run.changed(), run.planDigest(), run.message(),
					run.messageArgs(), run.receivedAt(), run.checkedAt(), run.committedAt(), run.finishedAt());
		}
		return run;
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
		this.jobs.submit(id, true);
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
		if (!Files.exists(this.uploads.path(id))) {
			throw new ImportRefusal("file.gone");
		}
		if (Boolean.TRUE.equals(this.writes.execute((status) -> this.runs.start(id, from, ImportStatus.CHECKING)))) {
			this.jobs.submit(id, false);
		}
		return run(id);
	}

	/** Gives up an import before it is committed. */
	ImportRuns.Run cancel(UUID id) {
		CurrentUser user = Auth.require();
		ImportRuns.Run run = own(id, user);
		ImportJobs.Job job = this.jobs.get(id);
		if (run.status() == ImportStatus.CHECKING && job != null) {
			job.cancelled = true;
		}
		else if (run.status() == ImportStatus.CHECKED || run.status() == ImportStatus.REJECTED
				|| run.status() == ImportStatus.FAILED) {
			this.writes.executeWithoutResult(
					(status) -> this.runs.ended(id, ImportStatus.CANCELLED, "import.cancelled", List.of()));
			this.uploads.delete(id);
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

	private ImportRuns.Run own(UUID id, CurrentUser user) {
		ImportRuns.Run run = run(id);
		if (run.userKey() != user.userKey()) {
			throw ApiException.forbidden("Only the uploader commits, checks again or cancels an import.");
		}
		return run;
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

}
