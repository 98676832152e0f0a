package cn.ankang.bangfu.export;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import cn.ankang.bangfu.view.ViewExport;

/**
 * What a download is called: what it holds and the day it was made, in Beijing, e.g.
 * {@code 2023年防返贫监测_按县区_20261204.xlsx}, with an ASCII name beside it for the clients that
 * cannot read RFC 5987's {@code filename*}.
 */
final class FileNames {

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	private FileNames() {
	}

	/**
	 * A view's name, or the figure's (or list's) name after its year; then the dimensions
	 * it groups by; then the day.
	 */
	static Name of(ViewExport export, LocalDate today) {
		List<String> parts = new ArrayList<>();
		parts.add((!export.ofView() && export.year() != null) ? export.year() + "年" + export.title() : export.title());
		if (!export.dimensionNames().isEmpty()) {
			parts.add("按" + String.join("、", export.dimensionNames()));
		}
		parts.add(DAY.format(today));
		List<String> ascii = new ArrayList<>();
		ascii.add(export.field());
		if (export.year() != null) {
			ascii.add(export.year().toString());
		}
		ascii.addAll(export.dimensionCodes().stream().map((code) -> code.toLowerCase(Locale.ROOT)).toList());
		ascii.add(DAY.format(today));
		return new Name(String.join("_", parts), String.join("_", ascii));
	}

	/** The visits of a period. */
	static Name visits(LocalDate from, LocalDate to, LocalDate today) {
		String period = DAY.format(from) + "-" + DAY.format(to);
		return new Name("走访记录_" + period + "_" + DAY.format(today), "visits_" + period + "_" + DAY.format(today));
	}

	/**
	 * A file's name, for people and in ASCII.
	 *
	 * @param name the name people read, without extension
	 * @param ascii the name for clients that only read ASCII
	 */
	record Name(String name, String ascii) {

		/** The {@code Content-Disposition} of the download. */
		String disposition(TableWriter.Format format) {
			String file = clean(this.name) + "." + format.extension();
			String fallback = this.ascii.replaceAll("[^A-Za-z0-9._-]", "_") + "." + format.extension();
			return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''"
					+ URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20");
		}

		/** The name for a sheet. */
		String sheet() {
			return clean(this.name);
		}

		// what Windows refuses in a file's name, and control characters
		private static String clean(String name) {
			String clean = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
			return clean.substring(0, Math.min(clean.length(), 120));
		}

	}

}
