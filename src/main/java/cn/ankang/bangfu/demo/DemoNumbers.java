package cn.ankang.bangfu.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The arithmetic that keeps the report's totals exact (sizes, amounts and parts that add
 * up to a figure) and the draws every table makes from its random stream: weighted picks,
 * shuffles, ids.
 */
final class DemoNumbers {

	// 2024-01-01T00:00+08:00, after the report's year
	private static final long TIME_ORDERED_FROM = 1_704_038_400_000L;

	private DemoNumbers() {
	}

	/**
	 * {@code count} sizes of at least one (at most nine) that add up to exactly
	 * {@code total}.
	 */
	static int[] sizes(int count, int total, SplittableRandom random) {
		if (count == 0 || total < count || total > count * 9) {
			throw new IllegalArgumentException("Cannot split " + total + " into " + count + " sizes of 1 to 9");
		}
		int[] sizes = new int[count];
		java.util.Arrays.fill(sizes, 1);
		int left = total - count;
		while (left > 0) {
			int i = random.nextInt(count);
			if (sizes[i] < 9) {
				sizes[i]++;
				left--;
			}
		}
		return sizes;
	}

	/**
	 * Splits an amount in fen into {@code count} amounts in whole thousands of yuan (but
	 * the last thousand) that add up to exactly {@code totalFen}.
	 */
	static long[] split(long totalFen, int count, SplittableRandom random) {
		long unit = 100_000;
		long units = totalFen / unit;
		if (count == 0 || units < count) {
			throw new IllegalArgumentException("Cannot split " + totalFen + " fen into " + count + " amounts");
		}
		double[] weights = new double[count];
		double sum = 0;
		for (int i = 0; i < count; i++) {
			weights[i] = 0.3 + random.nextDouble() * random.nextDouble() * 3;
			sum += weights[i];
		}
		long[] amounts = new long[count];
		long given = 0;
		for (int i = 0; i < count; i++) {
			amounts[i] = Math.max(1, (long) Math.floor(units * weights[i] / sum));
			given += amounts[i];
		}
		for (int i = 0; given < units; i = (i + 1) % count) {
			amounts[i]++;
			given++;
		}
		for (int i = 0; given > units; i = (i + 1) % count) {
			if (amounts[i] > 1) {
				amounts[i]--;
				given--;
			}
		}
		for (int i = 0; i < count; i++) {
			amounts[i] *= unit;
		}
		amounts[count - 1] += totalFen - units * unit;
		return amounts;
	}

	/**
	 * {@code count} whole numbers of at least one, unevenly sized, that add up to exactly
	 * {@code total}.
	 */
	static int[] parts(int total, int count, SplittableRandom random) {
		if (count == 0 || total < count) {
			throw new IllegalArgumentException("Cannot split " + total + " into " + count + " parts");
		}
		double[] weights = new double[count];
		double sum = 0;
		for (int i = 0; i < count; i++) {
			weights[i] = 0.3 + random.nextDouble() * random.nextDouble() * 3;
			sum += weights[i];
		}
		int[] parts = new int[count];
		long given = 0;
		for (int i = 0; i < count; i++) {
			parts[i] = Math.max(1, (int) Math.floor(total * weights[i] / sum));
			given += parts[i];
		}
		for (int i = 0; given < total; i = (i + 1) % count) {
			parts[i]++;
			given++;
		}
		for (int i = 0; given > total; i = (i + 1) % count) {
			if (parts[i] > 1) {
				parts[i]--;
				given--;
			}
		}
		return parts;
	}

	static List<Boolean> flags(int count, int trueCount, SplittableRandom random) {
		List<Boolean> flags = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			flags.add(i < trueCount);
		}
		shuffle(flags, random);
		return flags;
	}

	static <T> void shuffle(List<T> list, SplittableRandom random) {
		for (int i = list.size() - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			T tmp = list.get(i);
			list.set(i, list.get(j));
			list.set(j, tmp);
		}
	}

	/** The list in a random order drawn from {@code random} (Fisher–Yates). */
	static List<Long> shuffled(List<Long> list, SplittableRandom random) {
		List<Long> copy = new ArrayList<>(list);
		for (int i = copy.size() - 1; i > 0; i--) {
			java.util.Collections.swap(copy, i, random.nextInt(i + 1));
		}
		return copy;
	}

	static int pick(SplittableRandom random, int[] weights) {
		int total = 0;
		for (int weight : weights) {
			total += weight;
		}
		int r = random.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			r -= weights[i];
			if (r < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	static <T> T pickFrom(List<T> items, SplittableRandom random) {
		return items.get(random.nextInt(items.size()));
	}

	static int search(double[] cumulative, double value) {
		int i = java.util.Arrays.binarySearch(cumulative, value);
		return Math.min((i >= 0) ? i : -i - 1, cumulative.length - 1);
	}

	static UUID uuid(SplittableRandom random) {
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

	/**
	 * The id of the {@code ordinal}-th row of a table, time-ordered (UUID version 7) as
	 * the phones make theirs: the milliseconds count from the start of 2024, one a row,
	 * so that the ids are the same on every load; the rest is {@code random}'s. Written
	 * in that order, each id lands at the end of its unique indexes, where a random one
	 * lands on another page each time: at 100× those indexes no longer fit in memory (8.1
	 * million visit keys took 450 s, 0.8 million at 10× 11.6 s).
	 */
	static UUID timeOrdered(long ordinal, UUID random) {
		long millis = TIME_ORDERED_FROM + ordinal;
		return new UUID((millis << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL),
				random.getLeastSignificantBits());
	}

	static LocalDate min(LocalDate a, LocalDate b) {
		return a.isBefore(b) ? a : b;
	}

	static LocalDate max(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

}
