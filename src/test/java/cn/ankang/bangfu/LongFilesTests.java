package cn.ankang.bangfu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file of the project that grows past {@value #LIMIT} lines has a stated reason in
 * {@code docs/architecture.md} ("Files over 400 lines"), or is split: a long file is
 * where a class starts doing several jobs. The table stays true as well: a file that was
 * split or removed leaves it.
 */
class LongFilesTests {

	private static final int LIMIT = 400;

	private static final List<String> ROOTS = List.of("src/main", "src/test", "schema", "mobile-client-sample/src");

	private static final Set<String> TEXT = Set.of("java", "js", "sql", "html", "css", "graphqls", "properties");

	/** Snapshots of released contracts, printed by a tool, not written by hand. */
	private static final String GENERATED = "schema/released/";

	private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.*) \\|$");

	@Test
	void everyLongFileSaysWhyAndTheListIsTrue() throws IOException {
		Map<String, Integer> longFiles = longFiles();
		Map<String, String> reasons = reasons();
		assertThat(longFiles.keySet())
			.as("files over %d lines without a reason in docs/architecture.md (split them, or add a row): %s", LIMIT,
					longFiles)
			.isSubsetOf(reasons.keySet());
		assertThat(reasons.keySet()).as("rows of docs/architecture.md for files no longer over %d lines", LIMIT)
			.isSubsetOf(longFiles.keySet());
		assertThat(reasons).allSatisfy((file, why) -> assertThat(why).as(file).hasSizeGreaterThan(20));
	}

	private static Map<String, Integer> longFiles() throws IOException {
		Map<String, Integer> found = new TreeMap<>();
		for (String root : ROOTS) {
			try (Stream<Path> files = Files.walk(Path.of(root))) {
				files.filter(Files::isRegularFile).filter(LongFilesTests::isText).forEach((file) -> {
					String name = file.toString().replace('\\', '/');
					int lines = lines(file);
					if (lines > LIMIT && !name.startsWith(GENERATED)) {
						found.put(name, lines);
					}
				});
			}
		}
		return found;
	}

	private static boolean isText(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot > 0 && TEXT.contains(name.substring(dot + 1)) && !file.toString().contains("/target/");
	}

	private static int lines(Path file) {
		try (Stream<String> lines = Files.lines(file)) {
			return (int) lines.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The table's rows: a file, and why it is long. */
	private static Map<String, String> reasons() throws IOException {
		List<String> doc = Files.readAllLines(Path.of("docs", "architecture.md"));
		int start = doc.indexOf("## Files over 400 lines");
		assertThat(start).as("docs/architecture.md has a section '## Files over 400 lines'").isNotNegative();
		Map<String, String> reasons = new LinkedHashMap<>();
		for (String line : doc.subList(start + 1, doc.size())) {
			if (line.startsWith("## ")) {
				break;
			}
			Matcher row = ROW.matcher(line);
			if (row.matches()) {
				reasons.put(row.group(1), row.group(2).strip());
			}
		}
		return reasons;
	}

}
