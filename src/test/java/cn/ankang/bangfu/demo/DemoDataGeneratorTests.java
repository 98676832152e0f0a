package cn.ankang.bangfu.demo;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The generator's arithmetic keeps the report's totals exact, without a database.
 */
class DemoDataGeneratorTests {

	@Test
	void sizesAddUpExactlyAndStayInRange() {
		int[] sizes = DemoNumbers.sizes(DemoFigures.ELIMINATED_HOUSEHOLDS, DemoFigures.ELIMINATED_PEOPLE,
				new SplittableRandom(1));
		assertThat(sizes).hasSize(DemoFigures.ELIMINATED_HOUSEHOLDS);
		assertThat(Arrays.stream(sizes).sum()).isEqualTo(DemoFigures.ELIMINATED_PEOPLE);
		assertThat(Arrays.stream(sizes).min().getAsInt()).isGreaterThanOrEqualTo(1);
		assertThat(Arrays.stream(sizes).max().getAsInt()).isLessThanOrEqualTo(9);
		assertThatIllegalArgumentException().isThrownBy(() -> DemoNumbers.sizes(10, 5, new SplittableRandom(1)));
	}

	@Test
	void moneySplitsExactlyIntoPositiveAmounts() {
		long[] amounts = DemoNumbers.split(DemoFigures.LINKAGE_FEN_2023, DemoFigures.LINKAGE_PROJECTS_2023,
				new SplittableRandom(7));
		assertThat(Arrays.stream(amounts).sum()).isEqualTo(DemoFigures.LINKAGE_FEN_2023);
		assertThat(Arrays.stream(amounts).min().getAsLong()).isPositive();
		long[] odd = DemoNumbers.split(1_234_567, 3, new SplittableRandom(7));
		assertThat(Arrays.stream(odd).sum()).isEqualTo(1_234_567);
	}

	@Test
	void theSameSeedGivesTheSameNumbers() {
		assertThat(DemoNumbers.split(500_000_000, 40, new SplittableRandom(3)))
			.isEqualTo(DemoNumbers.split(500_000_000, 40, new SplittableRandom(3)));
	}

	@Test
	void rowIdsAreTimeOrderedInTheOrderTheyAreWrittenAndTheSameOnEveryLoad() {
		UUID first = DemoNumbers.timeOrdered(0, DemoNumbers.uuid(new SplittableRandom(5)));
		UUID second = DemoNumbers.timeOrdered(1, DemoNumbers.uuid(new SplittableRandom(4)));
		assertThat(first.version()).isEqualTo(7);
		assertThat(first.variant()).isEqualTo(2);
		// as PostgreSQL orders uuids: by their bytes, the milliseconds first
		assertThat(first.toString()).isLessThan(second.toString()).startsWith("018cc09a-8000-7");
		assertThat(DemoNumbers.timeOrdered(0, DemoNumbers.uuid(new SplittableRandom(5)))).isEqualTo(first);
		assertThat(DemoNumbers.timeOrdered(0, DemoNumbers.uuid(new SplittableRandom(6)))).isNotEqualTo(first);
	}

	@Test
	void syntheticIdNumbersHaveAValidCheckDigitAndNoRealRegion() {
		String id = DemoNames.idNumber(1_234_567, LocalDate.of(1975, 3, 9));
		assertThat(id).hasSize(18).startsWith("99").contains("19750309");
		int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (id.charAt(i) - '0') * weights[i];
		}
		assertThat(id.charAt(17)).isEqualTo("10X98765432".charAt(sum % 11));
		assertThat(DemoNames.idNumber(1, LocalDate.of(1975, 3, 9)))
			.isNotEqualTo(DemoNames.idNumber(2, LocalDate.of(1975, 3, 9)));
	}

}
