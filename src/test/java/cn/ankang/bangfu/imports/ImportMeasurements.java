package cn.ankang.bangfu.imports;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import's figures for the closing note and {@code bench/}: 100,000 household member
 * rows (25,000 households of four) checked and committed through the HTTP API, with the
 * time of each phase and the heap's growth during it, and a 10-row file's round trip
 * (upload, check, commit). A benchmark, not a test: its name keeps it out of the suite;
 * run it by name, with the service's own row limit
 * ({@code -Dtest=ImportMeasurements -Dbangfu.test.import-max-rows=200000}). It writes to
 * the other city's villages of the records database, and prints its figures and writes
 * them to {@code target/import-measurements.txt}.
 */
class ImportMeasurements extends ImportTestSupport {

	@Test
	void hundredThousandRows() throws Exception {
		String token = token("ADMIN", Map.of());
		List<String> villages = this.jdbc.sql("""
				select v.code from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
				join city on city.id = c.city_id where city.code = :city order by v.code""")
			.param("city", OTHER_CITY)
			.query(String.class)
			.list();
		assertThat(villages).isNotEmpty();
		List<String> lines = new ArrayList<>();

		byte[] small = file(villages, 10, 1);
		long started = System.nanoTime();
		JSONObject smallChecked = checked(token, "HOUSEHOLDS", "small.xlsx", small);
		JSONObject smallCommitted = committed(token, smallChecked);
		lines.add("10-row file (3 households): upload + check + commit %d ms, %s"
			.formatted((System.nanoTime() - started) / 1_000_000, smallCommitted.getString("status")));

		byte[] large = file(villages, 100_000, 2);
		lines.add("100,000-row file: %.1f MB".formatted(large.length / 1e6));
		Path saved = Path.of("target", "import-100k.xlsx");
		Files.write(saved, large);
		Heap heap = new Heap();
		started = System.nanoTime();
		HttpResponse<String> upload = upload(token, "HOUSEHOLDS", "large.xlsx", large, XLSX);
		String id = new JSONObject(upload.body()).getString("id");
		JSONObject checked = await(token, id);
		long checkMs = (System.nanoTime() - started) / 1_000_000;
		lines.add(
				"check: %d ms (upload included), %s, toCreate %d, problems %d, heap growth (garbage included) at most %d MB"
					.formatted(checkMs, checked.getString("status"), checked.getInt("toCreate"),
							checked.getInt("problems"), heap.stop() / 1_000_000));
		heap = new Heap();
		started = System.nanoTime();
		JSONObject committed = committed(token, checked);
		lines.add("commit: %d ms, %s, created %d, heap growth (garbage included) at most %d MB".formatted(
				(System.nanoTime() - started) / 1_000_000, committed.getString("status"), committed.getInt("created"),
				heap.stop() / 1_000_000));
		heap = new Heap();
		started = System.nanoTime();
		JSONObject again = checked(token, "HOUSEHOLDS", "large.xlsx", large);
		lines.add("the same file checked again: %d ms, toCreate %d, toChange %d, unchanged %d, heap growth %d MB"
			.formatted((System.nanoTime() - started) / 1_000_000, again.getInt("toCreate"), again.getInt("toChange"),
					again.getInt("unchanged"), heap.stop() / 1_000_000));
		// the live heap (what survives a collection, sampled every 250 ms) of another
		// file's check and commit
		byte[] other = file(villages, 100_000, 3);
		Heap live = new Heap(true);
		JSONObject otherChecked = checked(token, "HOUSEHOLDS", "other.xlsx", other);
		lines.add("live heap growth during a check: at most %d MB".formatted(live.stop() / 1_000_000));
		live = new Heap(true);
		committed(token, otherChecked);
		lines.add("live heap growth during a commit: at most %d MB".formatted(live.stop() / 1_000_000));
		lines.add("processors %d, max heap %d MB".formatted(Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() / 1_000_000));
		lines.forEach(System.out::println);
		Files.write(Path.of("target", "import-measurements.txt"), lines, StandardCharsets.UTF_8);
	}

	/** Rows of households of four: a head, a spouse and two children. */
	private static byte[] file(List<String> villages, int rows, int seed) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Workbook workbook = new Workbook(out, "bench", "1.0");
		Worksheet sheet = workbook.newWorksheet("监测户成员");
		for (int c = 0; c < HOUSEHOLD_HEADER.size(); c++) {
			sheet.value(0, c, HOUSEHOLD_HEADER.get(c).toString());
		}
		int row = 1;
		int household = 0;
		while (row <= rows) {
			String village = villages.get(household % villages.size());
			String headName = "测" + seed + "户" + household;
			String[][] members = { { headName, "户主", "M", "1960" }, { "配偶" + household, "配偶", "F", "1962" },
					{ "子" + household, "之子", "M", "1990" }, { "女" + household, "之女", "F", "1993" } };
			for (String[] member : members) {
				if (row > rows) {
					break;
				}
				LocalDate birth = LocalDate.of(Integer.parseInt(member[3]), 1 + household % 12, 1 + household % 28);
				List<Object> values = member(village, headName, member[0],
						uniquePerson(seed, household, birth, member[2].equals("M")), member[1], "边缘易致贫户", "因病、因学",
						LocalDate.of(2022, 6, 1), new BigDecimal("9200.00"), null);
				for (int c = 0; c < values.size(); c++) {
					Object value = values.get(c);
					if (value instanceof BigDecimal number) {
						sheet.value(row, c, number);
					}
					else if (value instanceof LocalDate date) {
						sheet.value(row, c, date);
					}
					else if (value instanceof Integer number) {
						sheet.value(row, c, number);
					}
					else if (value != null) {
						sheet.value(row, c, value.toString());
					}
				}
				row++;
				if (row % 10_000 == 0) {
					sheet.flush();
				}
			}
			household++;
		}
		workbook.finish();
		return out.toByteArray();
	}

	/** An ID number no other household of the run has: the household in its digits. */
	private static String uniquePerson(int seed, int household, LocalDate birth, boolean male) {
		String digits = "9" + seed + String.format("%04d", household / 500 % 10_000) + birth.toString().replace("-", "")
				+ String.format("%03d", (household % 500) * 2 + (male ? 1 : 0));
		return digits + cn.ankang.bangfu.shared.values.IdNumber.Validator.checkDigit(digits);
	}

	/**
	 * The heap's growth over where it stood, sampled until stopped: all of it every 20 ms
	 * (garbage not yet collected included), or what survives a collection every 250 ms.
	 */
	private static final class Heap {

		private final AtomicLong peak = new AtomicLong();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final long base;

		private final Thread sampler;

		Heap() {
			this(false);
		}

		Heap(boolean live) {
			System.gc();
			this.base = used();
			this.sampler = new Thread(() -> {
				while (this.running.get()) {
					if (live) {
						System.gc();
					}
					this.peak.accumulateAndGet(used() - this.base, Math::max);
					try {
						Thread.sleep(live ? 250 : 20);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
			this.sampler.start();
		}

		long stop() throws InterruptedException {
			this.running.set(false);
			this.sampler.join();
			return this.peak.get();
		}

		private static long used() {
			return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		}

	}

}
