package cn.ankang.client.outbox;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real kill: another JVM records visits as fast as it can and is killed with SIGKILL in
 * the middle; every visit it had reported recorded is there afterwards, and every file in
 * the queue reads as a whole visit.
 */
class OutboxKillTests {

	@TempDir
	Path folder;

	@Test
	void aProcessKilledWhileRecordingLosesNoRecordedVisitAndLeavesNoBrokenOne() throws Exception {
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Recorder.class.getName(),
				this.folder.toString())
			.redirectErrorStream(true)
			.start();
		Set<String> reported = new HashSet<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while (reported.size() < 150 && (line = lines.readLine()) != null) {
				reported.add(line.trim());
			}
			// SIGKILL: no shutdown hook, no finally, writes cut wherever they are
			child.destroyForcibly();
			assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(reported).hasSize(150);

		FileOutbox reopened = new FileOutbox(this.folder);
		List<QueuedWrite> queued = reopened.next(Integer.MAX_VALUE);
		Set<String> found = new HashSet<>();
		for (QueuedWrite visit : queued) {
			found.add(visit.id());
			assertThat(visit.input().getString("notes")).startsWith("第");
		}
		assertThat(found).containsAll(reported);
		assertThat(this.folder.resolve("damaged").toFile().list()).isEmpty();
		assertThat(this.folder.resolve("queue").toFile().listFiles(File::isHidden)).isEmpty();
	}

	/** Records visits for ever, printing each uuid once it is recorded. */
	public static final class Recorder {

		public static void main(String[] args) throws Exception {
			FileOutbox outbox = new FileOutbox(Paths.get(args[0]));
			for (int i = 0;; i++) {
				QueuedWrite visit = outbox.record(Visits.draft("第" + i + "次走访：" + "了解家庭收入和务工情况。".repeat(20)));
				System.out.println(visit.id());
				System.out.flush();
			}
		}

	}

}
