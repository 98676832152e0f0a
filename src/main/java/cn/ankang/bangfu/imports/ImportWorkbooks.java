package cn.ankang.bangfu.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import org.springframework.stereotype.Component;

/**
 * The workbooks imports hand out: a kind's template (Chinese headers, dropdowns of every
 * choice, ID columns kept as text, a notes sheet and an example), and an import's
 * problems as the uploaded sheet with a problems column added, plus every problem listed.
 */
@Component
class ImportWorkbooks {

	/** Rows of the template that offer the dropdowns and keep ID numbers as text. */
	private static final int TEMPLATE_ROWS = 200_000;

	void template(ImportKind kind, OutputStream out) throws IOException {
		Workbook workbook = new Workbook(out, "Bangfu", "1.0");
		Worksheet data = workbook.newWorksheet(kind.sheet());
		Worksheet notes = workbook.newWorksheet("填写说明");
		Worksheet example = workbook.newWorksheet("示例");
		Worksheet choices = workbook.newWorksheet("选项");
		List<ImportColumn> columns = kind.columns();
		int choiceColumn = 0;
		for (int c = 0; c < columns.size(); c++) {
			ImportColumn column = columns.get(c);
			data.value(0, c, column.header());
			data.style(0, c).bold().fillColor(column.required() ? "FCE4D6" : "DDEBF7").set();
			data.width(c, Math.max(12, column.header().length() * 2.5));
			example.value(0, c, column.header());
			example.style(0, c).bold().set();
			example.value(1, c, column.example());
			if (column.type() == ImportColumn.Type.ID_NUMBER || column.type() == ImportColumn.Type.CODE
					|| column.type() == ImportColumn.Type.PHONE || column.type() == ImportColumn.Type.TEXT
					|| column.type() == ImportColumn.Type.LINES) {
				// 18-digit ID numbers typed into a number cell lose their last digits
				data.style(c).format("@").set();
			}
			if (column.type() == ImportColumn.Type.CHOICE && !column.names().isEmpty()) {
				choices.value(0, choiceColumn, column.header());
				choices.style(0, choiceColumn).bold().set();
				for (int i = 0; i < column.names().size(); i++) {
					choices.value(i + 1, choiceColumn, column.names().get(i));
				}
				data.range(1, c, TEMPLATE_ROWS, c)
					.validateWithList(choices.range(1, choiceColumn, column.names().size(), choiceColumn))
					.showErrorMessage(true)
					.errorTitle("请从下拉列表中选择")
					.error(column.header() + "：" + String.join("、", column.names()));
				choiceColumn++;
			}
		}
		data.freezePane(0, 1);
		int row = 0;
		notes.value(row, 0, kind.title() + "导入模板");
		notes.style(row, 0).bold().fontSize(14).set();
		row += 2;
		for (String line : kind.notes()) {
			notes.value(row++, 0, line);
		}
		row++;
		String[] heads = { "列名", "是否必填", "填写要求", "示例" };
		for (int i = 0; i < heads.length; i++) {
			notes.value(row, i, heads[i]);
			notes.style(row, i).bold().set();
		}
		row++;
		for (ImportColumn column : columns) {
			notes.value(row, 0, column.header());
			notes.value(row, 1, column.required() ? "必填" : "选填");
			notes.value(row, 2, requirement(column));
			notes.value(row, 3, column.example());
			row++;
		}
		notes.width(0, 18);
		notes.width(2, 80);
		notes.width(3, 24);
		workbook.finish();
	}

	/** A name Excel takes for a sheet: at most 31 characters, none of []:*?/\\. */
	private static String sheetName(String name) {
		String safe = name.replaceAll("[\\[\\]:*?/\\\\]", "_");
		return safe.substring(0, Math.min(31, safe.length()));
	}

	private static String requirement(ImportColumn column) {
		String type = switch (column.type()) {
			case TEXT -> "文字，不超过 " + column.max() + " 字";
			case LINES -> "文字，不超过 " + column.max() + " 字，可分行";
			case ID_NUMBER -> "18 位身份证号码，末位校验码须正确；单元格设为文本";
			case DATE -> "日期，如 2023-05-01 或 2023/5/1";
			case MONEY -> "金额，单位元，最多两位小数";
			case INTEGER -> "不为负的整数";
			case DECIMAL -> "数字，可带小数";
			case YEAR -> "年份，如 2023";
			case CHOICE -> "从下拉列表中选择：" + String.join("、", column.names());
			case CHOICES -> "可填多项，用顿号分隔：" + String.join("、", column.names());
			case PHONE -> "11 位手机号码";
			case CODE -> column.max() + " 位数字代码（统计用区划代码）";
		};
		String aliases = column.aliases().isEmpty() ? "" : "；也可用列名：" + String.join("、", column.aliases());
		return type + (column.note().isEmpty() ? "" : "。" + column.note()) + aliases;
	}

	/**
	 * The uploaded sheet as it was read, each row with its problems in a column added at
	 * the end, and a second sheet listing every problem (those of the file as a whole
	 * too).
	 */
	void problems(ImportRuns.Run run, ImportKind kind, Path file, List<Findings.Finding> problems, Locale locale,
			OutputStream out) throws IOException {
		Map<Integer, List<String>> byRow = new HashMap<>();
		for (Findings.Finding problem : problems) {
			if (problem.row() != null) {
				byRow.computeIfAbsent(problem.row(), (row) -> new ArrayList<>())
					.add(ImportMessages.text(locale, problem.message(), problem.args()));
			}
		}
		Workbook workbook = new Workbook(out, "Bangfu", "1.0");
		if (Files.exists(file)) {
			copyWithProblems(run, kind, file, byRow, workbook);
		}
		Worksheet list = workbook.newWorksheet("全部问题");
		String[] heads = { "工作表", "行", "列", "问题" };
		for (int i = 0; i < heads.length; i++) {
			list.value(0, i, heads[i]);
			list.style(0, i).bold().set();
		}
		int row = 1;
		for (Findings.Finding problem : problems) {
			list.value(row, 0, problem.sheet());
			if (problem.row() != null) {
				list.value(row, 1, problem.row());
			}
			list.value(row, 2, problem.column());
			list.value(row, 3, ImportMessages.text(locale, problem.message(), problem.args()));
			row++;
		}
		list.width(3, 100);
		workbook.finish();
	}

	private static void copyWithProblems(ImportRuns.Run run, ImportKind kind, Path file,
			Map<Integer, List<String>> byRow, Workbook workbook) throws IOException {
		try (Spreadsheets.Lines lines = Spreadsheets.open(file, run.format(), run.fileName(), kind.sheet())) {
			Worksheet sheet = workbook.newWorksheet(sheetName(lines.sheet()));
			// the problems go right of the header's last column
			int problemsAt = -1;
			int out = 0;
			while (lines.hasNext()) {
				Spreadsheets.Line line = lines.next();
				if (line.isBlank()) {
					continue;
				}
				for (int c = 0; c < line.cells().size(); c++) {
					Spreadsheets.Cell cell = line.cell(c);
					if (cell.type() == Spreadsheets.Cell.Type.NUMBER && cell.number() != null) {
						sheet.value(out, c, cell.number());
					}
					else if (!cell.isBlank()) {
						sheet.value(out, c,
								(cell.type() == Spreadsheets.Cell.Type.FORMULA) ? "=" + cell.text() : cell.text());
					}
				}
				if (problemsAt < 0) {
					problemsAt = line.cells().size();
					sheet.value(out, problemsAt, "导入问题");
					sheet.style(out, problemsAt).bold().fontColor("C00000").set();
				}
				else {
					List<String> problems = byRow.get(line.number());
					if (problems != null) {
						sheet.value(out, problemsAt, String.join("；", problems));
						sheet.style(out, problemsAt).fontColor("C00000").set();
					}
				}
				out++;
			}
		}
		catch (ImportRefusal ex) {
			// a file refused as a whole has no rows to copy: the list of problems says
			// why
		}
	}

}
