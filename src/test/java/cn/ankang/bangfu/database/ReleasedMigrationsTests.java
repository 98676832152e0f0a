package cn.ankang.bangfu.database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations that have landed are frozen: their checksums, as Flyway computes and stores
 * them, are committed in {@code db/released-migrations.txt}, and an edit of one fails the
 * build here instead of failing the next start of every database that applied it.
 */
class ReleasedMigrationsTests extends ApiTestSupport {

	@Test
	void noReleasedMigrationIsEditedAndEveryMigrationIsListed() throws IOException {
		Map<String, Integer> released = manifest();
		Map<String, Integer> now = new TreeMap<>(migrations());
		// a repeatable migration is there to change (its checksum tells Flyway to run it
		// again)
		now.keySet().removeIf((file) -> file.startsWith("R__"));
		List<String> problems = new ArrayList<>();
		released.forEach((file, checksum) -> {
			if (!now.containsKey(file)) {
				problems.add(file + " has landed and is gone: a database that applied it fails validation");
			}
			else if (!now.get(file).equals(checksum)) {
				problems.add(file + " has landed and was edited (checksum " + now.get(file) + ", released " + checksum
						+ "): put the change in a new migration");
			}
		});
		now.forEach((file, checksum) -> {
			if (!released.containsKey(file)) {
				problems.add("new migration: add the line '" + file + " " + checksum
						+ "' to src/test/resources/db/released-migrations.txt");
			}
		});
		assertThat(problems).isEmpty();
	}

	/**
	 * The checksum above is the one Flyway validates against: that of each migration in
	 * the test database's history, which Flyway wrote when it applied the files.
	 */
	@Test
	void theChecksumIsFlyways() throws IOException {
		Map<String, Integer> applied = new TreeMap<>();
		this.jdbc.sql("select script, checksum from flyway_schema_history where type = 'SQL'").query((rs) -> {
			applied.put(rs.getString("script"), rs.getInt("checksum"));
		});
		assertThat(applied).hasSizeGreaterThan(30).isEqualTo(new TreeMap<>(migrations()));
	}

	private static Map<String, Integer> manifest() throws IOException {
		Map<String, Integer> released = new LinkedHashMap<>();
		try (InputStream in = ReleasedMigrationsTests.class.getResourceAsStream("/db/released-migrations.txt")) {
			assertThat(in).as("db/released-migrations.txt").isNotNull();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				String entry = line.strip();
				if (!entry.isEmpty() && !entry.startsWith("#")) {
					String[] parts = entry.split("\\s+");
					released.put(parts[0], Integer.parseInt(parts[1]));
				}
			}
		}
		return released;
	}

	private static Map<String, Integer> migrations() throws IOException {
		Map<String, Integer> checksums = new TreeMap<>();
		for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/*.sql")) {
			checksums.put(file.getFilename(), checksum(file));
		}
		return checksums;
	}

	/**
	 * Flyway's checksum: CRC-32 of the file's lines without their line breaks (so a
	 * checkout with other line endings has the same), a byte-order mark left out.
	 */
	static int checksum(Resource file) throws IOException {
		CRC32 crc = new CRC32();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8))) {
			String line = reader.readLine();
			if (line != null && line.startsWith("\uFEFF")) {
				line = line.substring(1);
			}
			while (line != null) {
				crc.update(line.getBytes(StandardCharsets.UTF_8));
				line = reader.readLine();
			}
		}
		return (int) crc.getValue();
	}

}
