package cn.ankang.bangfu.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.security.jurisdiction.ScopedTransactionManager;
import cn.ankang.bangfu.shared.values.Digests;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The imports' background work: checks and commits run as their uploader on a pool of
 * their own, each with the progress that is polled while it runs, and its outcome put on
 * record.
 */
@Component
class ImportJobs {

	private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

	private final ImportRuns runs;

	private final ImportReader reader;

	private final ImportUploads uploads;

	private final PlatformTransactionManager transactions;

	private final TransactionTemplate writes;

	private final TransactionTemplate reads;

	private final ExecutorService workers = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "bangfu-import");
		thread.setDaemon(true);
		return thread;
	});

	private final ConcurrentMap<UUID, Job> jobs = new ConcurrentHashMap<>();

	ImportJobs(ImportRuns runs, ImportReader reader, ImportUploads uploads, PlatformTransactionManager transactions) {
		this.runs = runs;
		this.reader = reader;
		this.uploads = uploads;
		this.transactions = transactions;
		this.writes = new TransactionTemplate(transactions);
		this.reads = new TransactionTemplate(transactions);
		this.reads.setReadOnly(true);
	}

	/** The job running the import now, if one does. */
	@Nullable Job get(UUID id) {
		return this.jobs.get(id);
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

	void submit(UUID id, boolean commit) {
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
			if (this.reads.execute((status) -> this.reader.read(run, job, findings, false)) == null) {
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
			if (!Files.exists(this.uploads.path(id))) {
				ended(id, ImportStatus.FAILED, "file.gone");
				return;
			}
			if (!run.sha256().equals(sha256(this.uploads.path(id)))) {
				ended(id, ImportStatus.FAILED, "file.changed");
				return;
			}
			String outcome = this.writes.execute((status) -> {
				ImportKind.Plan plan = this.reader.read(run, job, findings, true);
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
			this.uploads.delete(id);
		}
		catch (ImportRefusal ex) {
			ended(id, ImportStatus.FAILED, "import.stale");
		}
		catch (RuntimeException ex) {
			log.error("Committing import {} failed; nothing was stored", id, ex);
			ended(id, ImportStatus.FAILED, "import.failed");
		}
	}

	private void ended(UUID id, ImportStatus status, String message) {
		this.writes.executeWithoutResult((tx) -> this.runs.ended(id, status, message, List.of()));
		if (status == ImportStatus.CANCELLED) {
			this.uploads.delete(id);
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

}
