package cn.ankang.bangfu.geo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.imports.ImportColumn;
import cn.ankang.bangfu.imports.ImportContext;
import cn.ankang.bangfu.imports.ImportKind;
import cn.ankang.bangfu.imports.ImportRow;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Labels;

import org.springframework.stereotype.Component;

/**
 * The areas (行政区划): cities, counties, towns and villages by their official division codes
 * (统计用区划代码), one a row, with their names, kinds, key designations and, for a village, the
 * committee's seat. The level is the code's length and the area above is its prefix, on
 * record or earlier in the file; an area is found by its code. Administrators only: areas
 * are the frame everything else is kept in.
 */
@Component
class AreaImport implements ImportKind {

	private static final Set<String> COUNTY_KINDS = Set.of("DISTRICT", "COUNTY", "COUNTY_LEVEL_CITY");

	private static final Set<String> TOWN_KINDS = Set.of("TOWN", "TOWNSHIP", "SUBDISTRICT");

	private static final Set<String> VILLAGE_KINDS = Set.of("VILLAGE", "COMMUNITY");

	private static final List<ImportColumn> COLUMNS = List.of(
			ImportColumn.text("code", "行政区划代码", true, 12).alias("区划代码", "统计用区划代码").example("610902006004"),
			ImportColumn.text("name", "名称", true, 50).example("某某村"),
			ImportColumn.choice("kind", "类型", false, "areaKind").note("市不填").example("村"),
			ImportColumn.choice("keyDesignation", "重点帮扶", false, "keyDesignation")
				.accept("NATIONAL", "国家级", "国家乡村振兴重点帮扶县")
				.accept("PROVINCIAL", "省级", "省级乡村振兴重点帮扶县", "省级乡村振兴重点帮扶村")
				.note("不是重点帮扶的留空")
				.example(""),
			ImportColumn.of("latitude", "纬度", false, ImportColumn.Type.DECIMAL).note("村委会所在地，村必填").example("32.6853"),
			ImportColumn.of("longitude", "经度", false, ImportColumn.Type.DECIMAL)
				.note("村委会所在地，村必填")
				.example("109.0293"));

	private final AreaImportRepository repository;

	AreaImport(AreaImportRepository repository) {
		this.repository = repository;
	}

	@Override
	public String code() {
		return "AREAS";
	}

	@Override
	public String title() {
		return "行政区划";
	}

	@Override
	public String sheet() {
		return "行政区划";
	}

	@Override
	public List<ImportColumn> columns() {
		return COLUMNS;
	}

	@Override
	public List<String> notes() {
		return List.of("每行一个区划：市（4 位代码）、县（6 位）、乡镇（9 位）或村（12 位）；上级由代码前缀确定，须已在系统中或在文件中。",
				"按代码认区划：已有的只更新名称、类型、重点帮扶和位置，没有的新建。区划不会被删除。", "仅管理员可导入。");
	}

	@Override
	public boolean mayImport(CurrentUser user) {
		return user.has(Role.ADMIN);
	}

	@Override
	public Batch start(ImportContext context) {
		return new AreaBatch(context);
	}

	/** A row as read. */
	record AreaRow(int row, String code, String name, @Nullable String kind, @Nullable String keyDesignation,
			@Nullable BigDecimal latitude, @Nullable BigDecimal longitude) {

		@Nullable String parentCode() {
			return switch (this.code.length()) {
				case 6 -> this.code.substring(0, 4);
				case 9 -> this.code.substring(0, 6);
				case 12 -> this.code.substring(0, 9);
				default -> null;
			};
		}

	}

	private final class AreaBatch implements Batch {

		private final ImportContext context;

		private final Map<String, AreaRow> rows = new HashMap<>();

		AreaBatch(ImportContext context) {
			this.context = context;
		}

		@Override
		public void row(ImportRow row) {
			String code = row.text("code");
			String name = row.text("name");
			String kind = row.choice("kind");
			String designation = row.choice("keyDesignation");
			BigDecimal latitude = row.decimal("latitude");
			BigDecimal longitude = row.decimal("longitude");
			if (code != null && !code.matches("[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}")) {
				row.problem("code", "area.code", code);
				return;
			}
			if (code != null && kind != null && !kindsOf(code.length()).contains(kind)) {
				row.problem("kind", "area.kindOfLevel", Labels.of("areaKind", kind), Integer.toString(code.length()));
			}
			if (code != null && code.length() > 4 && kind == null) {
				row.problem("kind", "cell.required", "类型");
			}
			if (code != null && code.length() == 12
					&& (latitude == null || longitude == null || latitude.abs().compareTo(BigDecimal.valueOf(90)) > 0
							|| longitude.abs().compareTo(BigDecimal.valueOf(180)) > 0)) {
				row.problem("latitude", "area.coordinates");
			}
			if (row.hasProblems()) {
				return;
			}
			AreaRow read = new AreaRow(row.number(), code, name, kind, designation, latitude, longitude);
			AreaRow first = this.rows.putIfAbsent(code, read);
			if (first != null) {
				row.problem("code", "row.duplicate", Integer.toString(first.row()), "区划代码");
			}
		}

		private static Set<String> kindsOf(int digits) {
			return switch (digits) {
				case 6 -> COUNTY_KINDS;
				case 9 -> TOWN_KINDS;
				case 12 -> VILLAGE_KINDS;
				default -> Set.of();
			};
		}

		@Override
		public Plan plan() {
			Map<String, AreaImportRepository.Stored> stored = AreaImport.this.repository.areas(this.rows.keySet());
			Set<String> parents = new java.util.HashSet<>();
			this.rows.values().forEach((row) -> {
				if (row.parentCode() != null) {
					parents.add(row.parentCode());
				}
			});
			Set<String> knownParents = AreaImport.this.repository.existing(parents);
			List<AreaRow> ordered = new ArrayList<>(this.rows.values());
			// parents first: a file may bring a county with its towns and villages
			ordered.sort(Comparator.comparingInt((AreaRow row) -> row.code().length()).thenComparing(AreaRow::code));
			List<AreaImportRepository.Change> changes = new ArrayList<>();
			for (AreaRow row : ordered) {
				String parent = row.parentCode();
				if (parent != null && !knownParents.contains(parent) && !this.rows.containsKey(parent)) {
					this.context.problem(row.row(), "行政区划代码", "area.noParent", parent);
					continue;
				}
				AreaImportRepository.Stored known = stored.get(row.code());
				if (known == null) {
					this.context.creates(row.row(), "area.created", row.code(), row.name());
					changes.add(new AreaImportRepository.Change(row, false));
					continue;
				}
				ImportContext.Changes fields = this.context.changes(row.row(), row.code());
				fields.field("名称", known.name(), row.name());
				fields.field("类型", label(known.kind()), label(row.kind()));
				fields.field("重点帮扶", designation(known.keyDesignation()), designation(row.keyDesignation()));
				fields.field("纬度", plain(known.latitude()), plain(row.latitude()));
				fields.field("经度", plain(known.longitude()), plain(row.longitude()));
				if (fields.done()) {
					changes.add(new AreaImportRepository.Change(row, true));
				}
			}
			return () -> AreaImport.this.repository.apply(changes);
		}

		private static @Nullable String label(@Nullable String kind) {
			return (kind != null) ? Labels.of("areaKind", kind) : null;
		}

		private static @Nullable String designation(@Nullable String designation) {
			return (designation != null) ? Labels.of("keyDesignation", designation) : null;
		}

		private static @Nullable String plain(@Nullable BigDecimal number) {
			return (number != null) ? number.stripTrailingZeros().toPlainString() : null;
		}

	}

}
