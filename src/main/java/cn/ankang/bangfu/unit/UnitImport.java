package cn.ankang.bangfu.unit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.imports.ImportColumn;
import cn.ankang.bangfu.imports.ImportContext;
import cn.ankang.bangfu.imports.ImportKind;
import cn.ankang.bangfu.imports.ImportRow;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Labels;

import org.springframework.stereotype.Component;

/**
 * Assistance units and their pairings with villages (结对帮扶), one row per pairing (or a
 * unit alone, without a village): a unit is found by its name, a pairing by its unit,
 * village and first day. A pairing's end is recorded when the file gives one; nothing is
 * removed.
 */
@Component
class UnitImport implements ImportKind {

	private static final List<ImportColumn> COLUMNS = List.of(
			ImportColumn.text("name", "帮扶单位名称", true, 100).alias("单位名称").example("安康市财政局"),
			ImportColumn.choice("level", "单位层级", true, "unitLevel").example("市级单位"),
			ImportColumn.choice("kind", "单位类型", true, "unitKind").example("党政机关"),
			ImportColumn.code("countyCode", "所属县代码", false, 6).note("县级单位必填，其他单位不填").example(""),
			ImportColumn.code("villageCode", "结对村代码", false, 12).alias("村代码").note("不填时只登记单位").example("610902006004"),
			ImportColumn.of("startedOn", "结对开始日期", false, ImportColumn.Type.DATE)
				.note("填写结对村时必填")
				.example("2021-06-01"),
			ImportColumn.of("endedOn", "结对结束日期", false, ImportColumn.Type.DATE).note("结对仍在继续的不填").example(""));

	private final UnitImportRepository repository;

	private final GeoService geo;

	UnitImport(UnitImportRepository repository, GeoService geo) {
		this.repository = repository;
		this.geo = geo;
	}

	@Override
	public String code() {
		return "UNIT_PAIRINGS";
	}

	@Override
	public String title() {
		return "帮扶单位及结对村";
	}

	@Override
	public String sheet() {
		return "结对帮扶";
	}

	@Override
	public List<ImportColumn> columns() {
		return COLUMNS;
	}

	@Override
	public List<String> notes() {
		return List.of("每行一个结对关系（单位与一个村）；同一单位的各行，单位层级、类型和所属县须一致。只登记单位、不结对时，村代码和日期留空。",
				"按单位名称认单位，按单位、村和结对开始日期认结对：已有的只更新不同之处（如补填结束日期），没有的新建。", "同一单位与同一村的结对期间不能重叠。市级领导可导入本市的单位和结对，管理员不限。");
	}

	@Override
	public boolean mayImport(CurrentUser user) {
		return user.has(Role.ADMIN) || user.has(Role.CITY_LEADER);
	}

	@Override
	public Batch start(ImportContext context) {
		return new UnitBatch(context);
	}

	/** A row as read. */
	record PairingRow(int row, String name, String level, String kind, @Nullable String countyCode,
			@Nullable String villageCode, @Nullable LocalDate startedOn, @Nullable LocalDate endedOn) {
	}

	private final class UnitBatch implements Batch {

		private final ImportContext context;

		private final Map<String, List<PairingRow>> units = new LinkedHashMap<>();

		private final Map<String, Integer> pairings = new HashMap<>();

		UnitBatch(ImportContext context) {
			this.context = context;
		}

		@Override
		public void row(ImportRow row) {
			String name = row.text("name");
			String level = row.choice("level");
			String kind = row.choice("kind");
			String county = row.code("countyCode");
			String village = row.code("villageCode");
			LocalDate started = row.date("startedOn");
			LocalDate ended = row.date("endedOn");
			if (level != null && level.equals("COUNTY") != (county != null)) {
				row.problem("countyCode", "unit.countyOfLevel");
			}
			if (village != null && started == null) {
				row.problem("startedOn", "cell.required", "结对开始日期");
			}
			if (village == null && (started != null || ended != null)) {
				row.problem("villageCode", "cell.required", "结对村代码");
			}
			if (started != null && (started.getYear() < 2000 || started.isAfter(this.context.today()))) {
				row.problem("startedOn", "cell.dateRange", "结对开始日期", started.toString(), "2000-01-01",
						this.context.today().toString());
			}
			if (ended != null && started != null && (ended.isBefore(started) || ended.isAfter(this.context.today()))) {
				row.problem("endedOn", "cell.dateRange", "结对结束日期", ended.toString(), started.toString(),
						this.context.today().toString());
			}
			if (row.hasProblems()) {
				return;
			}
			if (village != null) {
				Integer first = this.pairings.putIfAbsent(name + "|" + village + "|" + started, row.number());
				if (first != null) {
					row.problem(null, "row.duplicate", first.toString(), "结对");
					return;
				}
			}
			this.units.computeIfAbsent(name, (n) -> new ArrayList<>())
				.add(new PairingRow(row.number(), name, level, kind, county, village, started, ended));
		}

		@Override
		public Plan plan() {
			Set<String> villageCodes = new HashSet<>();
			Set<String> countyCodes = new HashSet<>();
			this.units.values().forEach((rows) -> rows.forEach((row) -> {
				if (row.villageCode() != null) {
					villageCodes.add(row.villageCode());
				}
				if (row.countyCode() != null) {
					countyCodes.add(row.countyCode());
				}
			}));
			Map<String, GeoService.CodedArea> villages = UnitImport.this.geo.villagesByCode(villageCodes);
			Map<String, GeoService.CodedArea> counties = UnitImport.this.geo.countiesByCode(countyCodes);
			Map<String, UnitImportRepository.StoredUnit> stored = UnitImport.this.repository.units(this.units.keySet());
			Map<Long, List<UnitImportRepository.StoredPairing>> storedPairings = UnitImport.this.repository
				.pairings(stored.values().stream().map(UnitImportRepository.StoredUnit::key).toList());
			List<UnitImportRepository.UnitChange> changes = new ArrayList<>();
			for (List<PairingRow> rows : this.units.values()) {
				UnitImportRepository.UnitChange change = unit(rows, stored.get(rows.get(0).name()), villages, counties,
						storedPairings);
				if (change != null) {
					changes.add(change);
				}
			}
			return () -> UnitImport.this.repository.apply(changes);
		}

		private UnitImportRepository.@Nullable UnitChange unit(List<PairingRow> rows,
				UnitImportRepository.@Nullable StoredUnit stored, Map<String, GeoService.CodedArea> villages,
				Map<String, GeoService.CodedArea> counties,
				Map<Long, List<UnitImportRepository.StoredPairing>> storedPairings) {
			PairingRow first = rows.get(0);
			boolean ok = true;
			for (PairingRow row : rows) {
				if (!row.level().equals(first.level()) || !row.kind().equals(first.kind())
						|| !Objects.equals(row.countyCode(), first.countyCode())) {
					this.context.problem(row.row(), null, "unit.disagrees", Integer.toString(first.row()));
					ok = false;
				}
			}
			GeoService.CodedArea county = null;
			if (first.countyCode() != null) {
				county = counties.get(first.countyCode());
				if (county == null) {
					this.context.problem(first.row(), "所属县代码", "unit.unknownCounty", first.countyCode());
					ok = false;
				}
				else if (!covers(county)) {
					this.context.problem(first.row(), "所属县代码", "row.outOfJurisdiction", county.name());
					ok = false;
				}
			}
			List<UnitImportRepository.StoredPairing> known = (stored != null)
					? storedPairings.getOrDefault(stored.key(), List.of()) : List.of();
			List<UnitImportRepository.PairingChange> pairings = new ArrayList<>();
			List<UnitImportRepository.StoredPairing> kept = new ArrayList<>(known);
			for (PairingRow row : rows) {
				if (row.villageCode() == null) {
					continue;
				}
				GeoService.CodedArea village = villages.get(row.villageCode());
				if (village == null) {
					this.context.problem(row.row(), "结对村代码", "row.unknownVillage", row.villageCode());
					ok = false;
					continue;
				}
				if (!covers(village)) {
					this.context.problem(row.row(), "结对村代码", "row.outOfJurisdiction", village.name());
					ok = false;
					continue;
				}
				UnitImportRepository.StoredPairing same = known.stream()
					.filter((p) -> p.villageKey() == village.key() && p.startedOn().equals(row.startedOn()))
					.findFirst()
					.orElse(null);
				UnitImportRepository.StoredPairing overlapping = kept.stream()
					.filter((p) -> p != same && p.villageKey() == village.key()
							&& overlaps(p.startedOn(), p.endedOn(), row.startedOn(), row.endedOn()))
					.findFirst()
					.orElse(null);
				if (overlapping != null) {
					this.context.problem(row.row(), "结对开始日期", "unit.pairingOverlaps", village.name(),
							overlapping.startedOn().toString(),
							(overlapping.endedOn() != null) ? overlapping.endedOn().toString() : "");
					ok = false;
					continue;
				}
				if (same != null) {
					kept.remove(same);
				}
				kept.add(new UnitImportRepository.StoredPairing((same != null) ? same.key() : -1, village.key(),
						row.startedOn(), row.endedOn()));
				pairings.add(new UnitImportRepository.PairingChange(row, village.key(), same));
			}
			if (!ok) {
				return null;
			}
			if (stored == null) {
				this.context.creates(first.row(), "unit.created", first.name(), Integer.toString(pairings.size()));
				return new UnitImportRepository.UnitChange(first, (county != null) ? county.key() : null, null, true,
						pairings);
			}
			ImportContext.Changes changes = this.context.changes(first.row(), first.name());
			boolean own = changes.field("单位层级", Labels.of("unitLevel", stored.level()),
					Labels.of("unitLevel", first.level()));
			own |= changes.field("单位类型", Labels.of("unitKind", stored.kind()), Labels.of("unitKind", first.kind()));
			own |= changes.field("所属县代码", stored.countyCode(), first.countyCode());
			List<UnitImportRepository.PairingChange> changed = new ArrayList<>();
			for (UnitImportRepository.PairingChange pairing : pairings) {
				String village = pairing.row().villageCode();
				if (pairing.stored() == null) {
					changes.field("结对 " + village + " " + pairing.row().startedOn(), null, "新增");
					changed.add(pairing);
				}
				else if (changes.field("结对 " + village + " 的结束日期", pairing.stored().endedOn(),
						pairing.row().endedOn())) {
					changed.add(pairing);
				}
			}
			changes.done();
			return new UnitImportRepository.UnitChange(first, (county != null) ? county.key() : null, stored, own,
					changed);
		}

		private boolean covers(GeoService.CodedArea area) {
			CurrentUser user = this.context.user();
			return user.covers(Role.ADMIN, area.place()) || user.covers(Role.CITY_LEADER, area.place());
		}

		private static boolean overlaps(LocalDate aStart, @Nullable LocalDate aEnd, LocalDate bStart,
				@Nullable LocalDate bEnd) {
			return (aEnd == null || !aEnd.isBefore(bStart)) && (bEnd == null || !bEnd.isBefore(aStart));
		}

	}

}
