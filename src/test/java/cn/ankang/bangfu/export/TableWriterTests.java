package cn.ankang.bangfu.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a CSV download holds, cell by cell. */
class TableWriterTests {

	@Test
	void textThatExcelWouldRunAsAFormulaStaysText() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (TableWriter csv = TableWriter.Format.CSV.open(out, "t")) {
			csv.row(List.of("=HYPERLINK(\"http://x\",\"点我\")", "+86 139", "-1+1", "@SUM(A1)", "张三", -5, "\t=1"));
		}
		String text = new String(out.toByteArray(), StandardCharsets.UTF_8).substring(1).strip();
		assertThat(text).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",'+86 139,'-1+1,'@SUM(A1),张三,-5,'\t=1");
	}

}
