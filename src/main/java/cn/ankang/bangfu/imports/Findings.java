package cn.ankang.bangfu.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Digests;

/**
 * What a check found: the file's problems (any one refuses the commit), notices, and the
 * records the file would create or change, each by sheet, row and column. Problems are
 * counted as they are found, for the progress a client polls.
 */
final class Findings {

	enum Kind {

		PROBLEM, NOTICE, CREATE, CHANGE

	}

	/**
	 * One finding.
	 *
	 * @param message the message's key in {@code i18n/imports}
	 * @param args its arguments
	 */
	record Finding(Kind kind, @Nullable String sheet, @Nullable Integer row, @Nullable String column, String message,
			List<String> args) {
	}

	private final List<Finding> all = new ArrayList<>();

	private final AtomicInteger problems = new AtomicInteger();

	private int creates;

	private int changes;

	private int unchanged;

	synchronized void problem(@Nullable String sheet, @Nullable Integer row, @Nullable String column, String message,
			String... args) {
		this.all.add(new Finding(Kind.PROBLEM, sheet, row, column, message, List.of(args)));
		this.problems.incrementAndGet();
	}

	synchronized void notice(@Nullable String sheet, @Nullable Integer row, @Nullable String column, String message,
			String... args) {
		this.all.add(new Finding(Kind.NOTICE, sheet, row, column, message, List.of(args)));
	}

	synchronized void create(@Nullable String sheet, int row, String message, String... args) {
		this.all.add(new Finding(Kind.CREATE, sheet, row, null, message, List.of(args)));
		this.creates++;
	}

	synchronized void change(@Nullable String sheet, int row, String column, String message, String... args) {
		this.all.add(new Finding(Kind.CHANGE, sheet, row, column, message, List.of(args)));
	}

	synchronized void changedRecord() {
		this.changes++;
	}

	synchronized void unchangedRecord() {
		this.unchanged++;
	}

	int problems() {
		return this.problems.get();
	}

	synchronized int creates() {
		return this.creates;
	}

	synchronized int changes() {
		return this.changes;
	}

	synchronized int unchanged() {
		return this.unchanged;
	}

	synchronized List<Finding> all() {
		return List.copyOf(this.all);
	}

	/**
	 * A digest of what the file would do (every creation and change, in order): a commit
	 * that finds another plan than the check's refuses.
	 */
	synchronized String planDigest() {
		MessageDigest digest = Digests.sha256();
		for (Finding finding : this.all) {
			if (finding.kind() == Kind.CREATE || finding.kind() == Kind.CHANGE) {
				digest.update((finding.kind() + "|" + finding.row() + "|" + finding.column() + "|" + finding.message()
						+ "|" + String.join("\u001f", finding.args()) + "\n")
					.getBytes(StandardCharsets.UTF_8));
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

}
