package cn.ankang.bangfu.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.ErrorCode;

import org.springframework.stereotype.Component;

/**
 * The kinds of records that may be imported, as the feature packages declare them
 * ({@link ImportKind}), by their codes and in the order a city moves in.
 */
@Component
class ImportKinds {

	private final Map<String, ImportKind> kinds;

	ImportKinds(List<ImportKind> kinds) {
		this.kinds = kinds.stream()
			.sorted(java.util.Comparator.comparingInt(ImportKinds::order))
			.collect(Collectors.toMap(ImportKind::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
	}

	/** The order a city moves in: what a kind refers to comes before it. */
	private static final List<String> ORDER = List.of("AREAS", "UNIT_PAIRINGS", "HOUSEHOLDS", "HOUSEHOLD_MEASURES",
			"CADRE_POSTINGS", "PROJECTS", "PROJECT_SPENDING", "RISK_WARNINGS");

	private static int order(ImportKind kind) {
		int order = ORDER.indexOf(kind.code());
		return (order < 0) ? ORDER.size() : order;
	}

	/** The kinds the user may import. */
	List<ImportKind> kinds() {
		CurrentUser user = Auth.require();
		return this.kinds.values().stream().filter((kind) -> kind.mayImport(user)).toList();
	}

	ImportKind kind(String code) {
		ImportKind kind = this.kinds.get(code.toUpperCase(Locale.ROOT));
		if (kind == null) {
			throw new ApiException(ErrorCode.NOT_FOUND,
					"There is no import of kind '%s': the kinds are %s.".formatted(code, this.kinds.keySet()));
		}
		return kind;
	}

	Optional<ImportKind> kindOf(ImportRuns.Run run) {
		return Optional.ofNullable(this.kinds.get(run.kind()));
	}

}
