package cn.ankang.bangfu.shared.values;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Chinese names of the codes the API uses ({@code i18n/labels.properties}), in the
 * file's order: what people read in figures, templates and imports, written once.
 */
public final class Labels {

	private static final Map<String, Map<String, String>> GROUPS = load();

	private Labels() {
	}

	/**
	 * The names of a group's codes, code to name, in their order.
	 * @param group e.g. {@code riskType}
	 */
	public static Map<String, String> of(String group) {
		Map<String, String> labels = GROUPS.get(group);
		if (labels == null) {
			throw new IllegalArgumentException("No labels for " + group);
		}
		return labels;
	}

	/** A code's name, or the code itself where it has none. */
	public static String of(String group, String code) {
		return GROUPS.getOrDefault(group, Map.of()).getOrDefault(code, code);
	}

	private static Map<String, Map<String, String>> load() {
		Map<String, Map<String, String>> groups = new LinkedHashMap<>();
		try (InputStream in = Labels.class.getResourceAsStream("/i18n/labels.properties")) {
			if (in == null) {
				throw new IllegalStateException("i18n/labels.properties is missing from the classpath");
			}
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				String entry = line.strip();
				if (entry.isEmpty() || entry.startsWith("#")) {
					continue;
				}
				int equals = entry.indexOf('=');
				int dot = entry.indexOf('.');
				groups.computeIfAbsent(entry.substring(0, dot), (g) -> new LinkedHashMap<>())
					.put(entry.substring(dot + 1, equals).strip(), entry.substring(equals + 1).strip());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		groups.replaceAll((group, labels) -> Collections.unmodifiableMap(labels));
		return Collections.unmodifiableMap(groups);
	}

}
