package cn.ankang.bangfu.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading files, without the service: what is refused before any row is read. */
class SpreadsheetsTests {

	private static final ImportProperties LIMITS = new ImportProperties(Path.of("unused"), 64L << 20, 1000, 1L << 30,
			100);

	@Test
	void aZipBombIsRefusedByWhatItReallyExpandsTo(@TempDir Path directory) throws Exception {
		Path bomb = Files.write(directory.resolve("bomb.xlsx"), ImportFiles.zipBomb());
		assertThat(Spreadsheets.format(bomb, "bomb.xlsx")).isEqualTo(Spreadsheets.Format.XLSX);
		assertThatThrownBy(() -> XlsxInspection.inspect(bomb, LIMITS)).isInstanceOfSatisfying(ImportRefusal.class,
				(refusal) -> assertThat(refusal.key()).isEqualTo("file.zipBomb"));
	}

	@Test
	void datesAreReadInTheFormsPeopleWriteThem() {
		assertThat(ImportRow.parseDate("2023-05-01")).isEqualTo(LocalDate.of(2023, 5, 1));
		assertThat(ImportRow.parseDate("2023/5/1")).isEqualTo(LocalDate.of(2023, 5, 1));
		assertThat(ImportRow.parseDate("2023.05.01")).isEqualTo(LocalDate.of(2023, 5, 1));
		assertThat(ImportRow.parseDate("2023年5月1日")).isEqualTo(LocalDate.of(2023, 5, 1));
		assertThat(ImportRow.parseDate("20230501")).isEqualTo(LocalDate.of(2023, 5, 1));
		assertThat(ImportRow.parseDate("2023-05-01 00:00:00")).isEqualTo(LocalDate.of(2023, 5, 1));
		assertThat(ImportRow.parseDate("2023-02-30")).isNull();
		assertThat(ImportRow.parseDate("去年")).isNull();
		assertThat(ImportRow.idBirthDate("610921198503120018")).isEqualTo(LocalDate.of(1985, 3, 12));
	}

}
