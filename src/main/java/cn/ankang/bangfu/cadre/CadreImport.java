package cn.ankang.bangfu.cadre;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import cn.ankang.bangfu.unit.UnitService;

import org.springframework.stereotype.Component;

/**
 * Resident cadres and their postings (选派驻村), one row per posting: a cadre is found by the
 * mobile number, a posting by its cadre, village and first day. The rules the database
 * holds for postings (one first secretary a village a day, one village a cadre at a time)
 * are checked row by row against the file and the records before anything is stored.
 * Cadres come without sign-in accounts: those are made with the phone account
 * ({@code registerCadre}) or by an administrator.
 */
@Component
class CadreImport implements ImportKind {

	private static final List<ImportColumn> COLUMNS = List.of(ImportColumn.text("name", "姓名", true, 50).example("李明"),
			ImportColumn.choice("gender", "性别", true, "gender").example("男"),
			ImportColumn.of("phone", "手机号码", true, ImportColumn.Type.PHONE).alias("联系电话").example("13900000001"),
			ImportColumn.text("unit", "派出单位", true, 100).alias("选派单位").note("须是已登记的帮扶单位的名称").example("安康市财政局"),
			ImportColumn.code("villageCode", "驻村村代码", true, 12).alias("村代码").example("610902006004"),
			ImportColumn.choice("role", "驻村职务", true, "cadreRole").example("第一书记"),
			ImportColumn.of("startedOn", "驻村开始日期", true, ImportColumn.Type.DATE).example("2023-06-01"),
			ImportColumn.of("endedOn", "驻村结束日期", false, ImportColumn.Type.DATE).note("仍在岗的不填").example(""));

	private final CadreImportRepository repository;

	private final GeoService geo;

	private final UnitService units;

	private final CadreRepository cadres;

	CadreImport(CadreImportRepository repository, GeoService geo, UnitService units, CadreRepository cadres) {
		this.repository = repository;
		this.geo = geo;
		this.units = units;
		this.cadres = cadres;
	}

	@Override
	public String code() {
		return "CADRE_POSTINGS";
	}

	@Override
	public String title() {
		return "驻村干部及选派";
	}

	@Override
	public String sheet() {
		return "驻村干部";
	}

	@Override
	public List<ImportColumn> columns() {
		return COLUMNS;
	}

	@Override
	public List<String> notes() {
		return List.of("每行一次选派（一名干部在一个村的一段任期）；同一干部的各行，姓名、性别和派出单位须一致。",
				"按手机号码认干部，按干部、村和驻村开始日期认选派：已有的只更新不同之处（如补填结束日期），没有的新建。",
				"一个村同一天只能有一名第一书记，一名干部同一时间只驻一个村。县级干部可导入本县各村的选派；帮扶单位管理员可导入本单位干部的选派，新的选派只能到开始当天与本单位结对的村；管理员不限。",
				"导入不创建登录账号：干部的账号由管理员或在系统中登记时创建。");
	}

	@Override
	public boolean mayImport(CurrentUser user) {
		return user.has(Role.ADMIN) || user.has(Role.COUNTY_OFFICER) || user.has(Role.UNIT_MANAGER);
	}

	@Override
	public Batch start(ImportContext context) {
		return new CadreBatch(context);
	}

	/** A row as read. */
	record PostingRow(int row, String name, String gender, String phone, String unit, String villageCode, String role,
			LocalDate startedOn, @Nullable LocalDate endedOn) {
	}

	private final class CadreBatch implements Batch {

		private final ImportContext context;

		private final Map<String, List<PostingRow>> cadres = new LinkedHashMap<>();

		private final Map<String, Integer> postings = new HashMap<>();

		CadreBatch(ImportContext context) {
			this.context = context;
		}

		@Override
		public void row(ImportRow row) {
			String name = row.text("name");
			String gender = row.choice("gender");
			String phone = row.phone("phone");
			String unit = row.text("unit");
			String village = row.code("villageCode");
			String role = row.choice("role");
			LocalDate started = row.date("startedOn");
			LocalDate ended = row.date("endedOn");
			if (started != null && (started.getYear() < 2000 || started.isAfter(this.context.today()))) {
				row.problem("startedOn", "cell.dateRange", "驻村开始日期", started.toString(), "2000-01-01",
						this.context.today().toString());
			}
			if (ended != null && started != null && (ended.isBefore(started) || ended.isAfter(this.context.today()))) {
				row.problem("endedOn", "cell.dateRange", "驻村结束日期", ended.toString(), started.toString(),
						this.context.today().toString());
			}
			if (row.hasProblems()) {
				return;
			}
			Integer first = this.postings.putIfAbsent(phone + "|" + village + "|" + started, row.number());
			if (first != null) {
				row.problem(null, "row.duplicate", first.toString(), "选派");
				return;
			}
			this.cadres.computeIfAbsent(phone, (p) -> new ArrayList<>())
				.add(new PostingRow(row.number(), name, gender, phone, unit, village, role, started, ended));
		}

		@Override
		public Plan plan() {
			Set<String> villageCodes = new HashSet<>();
			Set<String> unitNames = new HashSet<>();
			this.cadres.values().forEach((rows) -> rows.forEach((row) -> {
				villageCodes.add(row.villageCode());
				unitNames.add(row.unit());
			}));
			CadreImportRepository repository = CadreImport.this.repository;
			Map<String, GeoService.CodedArea> villages = CadreImport.this.geo.villagesByCode(villageCodes);
			Map<String, Long> units = CadreImport.this.units.keysByNames(unitNames);
			Map<String, List<CadreImportRepository.StoredCadre>> stored = repository.cadres(this.cadres.keySet());
			List<Long> cadreKeys = stored.values().stream().flatMap(List::stream).map((c) -> c.key()).toList();
			List<CadreImportRepository.StoredPosting> cadrePostings = repository.postingsOfCadres(cadreKeys);
			List<CadreImportRepository.StoredPosting> firstSecretaries = repository
				.firstSecretariesOf(villages.values().stream().map(GeoService.CodedArea::key).toList());
			// what will stand after the file: postings on record, then the file's in its
			// order
			Map<Long, List<Span>> byCadre = new HashMap<>();
			cadrePostings.forEach((p) -> byCadre.computeIfAbsent(p.cadreKey(), (k) -> new ArrayList<>())
				.add(new Span(p.key(), p.villageKey(), p.startedOn(), p.endedOn())));
			Map<Long, List<Span>> secretaries = new HashMap<>();
			firstSecretaries.forEach((p) -> secretaries.computeIfAbsent(p.villageKey(), (k) -> new ArrayList<>())
				.add(new Span(p.key(), p.villageKey(), p.startedOn(), p.endedOn())));
			List<CadreImportRepository.CadreChange> changes = new ArrayList<>();
			for (List<PostingRow> rows : this.cadres.values()) {
				CadreImportRepository.CadreChange change = cadre(rows, stored.get(rows.get(0).phone()), villages, units,
						cadrePostings, byCadre, secretaries);
				if (change != null) {
					changes.add(change);
				}
			}
			return () -> repository.apply(changes);
		}

		private CadreImportRepository.@Nullable CadreChange cadre(List<PostingRow> rows,
				@Nullable List<CadreImportRepository.StoredCadre> storedCadres,
				Map<String, GeoService.CodedArea> villages, Map<String, Long> units,
				List<CadreImportRepository.StoredPosting> cadrePostings, Map<Long, List<Span>> byCadre,
				Map<Long, List<Span>> secretaries) {
			PostingRow first = rows.get(0);
			boolean ok = true;
			if (storedCadres != null && storedCadres.size() > 1) {
				this.context.problem(first.row(), "手机号码", "cadre.phoneShared", first.phone(),
						Integer.toString(storedCadres.size()));
				return null;
			}
			CadreImportRepository.StoredCadre stored = (storedCadres != null) ? storedCadres.get(0) : null;
			for (PostingRow row : rows) {
				if (!row.name().equals(first.name()) || !row.gender().equals(first.gender())
						|| !row.unit().equals(first.unit())) {
					this.context.problem(row.row(), null, "cadre.disagrees", Integer.toString(first.row()));
					ok = false;
				}
			}
			Long unit = units.get(first.unit());
			if (unit == null) {
				this.context.problem(first.row(), "派出单位", "cadre.unknownUnit", first.unit());
				ok = false;
			}
			long cadreKey = (stored != null) ? stored.key() : -first.row();
			List<Span> spans = byCadre.computeIfAbsent(cadreKey, (k) -> new ArrayList<>());
			List<CadreImportRepository.PostingChange> postings = new ArrayList<>();
			for (PostingRow row : rows) {
				GeoService.CodedArea village = villages.get(row.villageCode());
				if (village == null) {
					this.context.problem(row.row(), "驻村村代码", "row.unknownVillage", row.villageCode());
					ok = false;
					continue;
				}
				CadreImportRepository.StoredPosting same = cadrePostings.stream()
					.filter((p) -> p.cadreKey() == cadreKey && p.villageKey() == village.key()
							&& p.startedOn().equals(row.startedOn()))
					.findFirst()
					.orElse(null);
				if (!mayPost(this.context.user(), village, unit, same != null, row.startedOn())) {
					this.context.problem(row.row(), "驻村村代码", "row.outOfJurisdiction", village.name());
					ok = false;
					continue;
				}
				Long sameKey = (same != null) ? same.key() : null;
				Span span = new Span(sameKey, village.key(), row.startedOn(), row.endedOn());
				Span clash = spans.stream()
					.filter((other) -> !other.same(sameKey) && other.overlaps(span))
					.findFirst()
					.orElse(null);
				if (clash != null) {
					this.context.problem(row.row(), "驻村开始日期", "cadre.postingOverlaps", clash.describe());
					ok = false;
					continue;
				}
				if (row.role().equals("FIRST_SECRETARY")) {
					List<Span> held = secretaries.computeIfAbsent(village.key(), (k) -> new ArrayList<>());
					Span other = held.stream()
						.filter((each) -> !each.same(sameKey) && each.overlaps(span))
						.findFirst()
						.orElse(null);
					if (other != null) {
						this.context.problem(row.row(), "驻村职务", "cadre.firstSecretaryOverlaps", village.name(),
								other.describe());
						ok = false;
						continue;
					}
					held.removeIf((each) -> each.same(sameKey));
					held.add(span);
				}
				spans.removeIf((each) -> each.same(sameKey));
				spans.add(span);
				postings.add(new CadreImportRepository.PostingChange(row, village.key(), same));
			}
			if (!ok) {
				return null;
			}
			if (stored == null) {
				this.context.creates(first.row(), "cadre.created", first.name(), Integer.toString(postings.size()));
				return new CadreImportRepository.CadreChange(first, unit, null, true, postings);
			}
			ImportContext.Changes changes = this.context.changes(first.row(), first.name());
			boolean own = changes.field("姓名", stored.name(), first.name());
			own |= changes.field("性别", Labels.of("gender", stored.gender()), Labels.of("gender", first.gender()));
			own |= changes.field("派出单位", stored.unitName(), first.unit());
			List<CadreImportRepository.PostingChange> changed = new ArrayList<>();
			for (CadreImportRepository.PostingChange posting : postings) {
				String where = posting.row().villageCode() + " " + posting.row().startedOn();
				if (posting.stored() == null) {
					changes.field("选派 " + where, null, "新增");
					changed.add(posting);
				}
				else {
					boolean differs = changes.field("选派 " + where + " 的职务",
							Labels.of("cadreRole", posting.stored().role()),
							Labels.of("cadreRole", posting.row().role()));
					differs |= changes.field("选派 " + where + " 的结束日期", posting.stored().endedOn(),
							posting.row().endedOn());
					if (differs) {
						changed.add(posting);
					}
				}
			}
			changes.done();
			return new CadreImportRepository.CadreChange(first, unit, stored, own, changed);
		}

	}

	/**
	 * Whether the uploader may keep this posting: officers of its county (and admins)
	 * any, a unit's managers their unit's cadres', a new one only to a village the unit
	 * is paired with on its first day (as {@code postCadre} has it).
	 */
	private boolean mayPost(CurrentUser user, GeoService.CodedArea village, @Nullable Long unit, boolean onRecord,
			LocalDate startedOn) {
		if (user.covers(Role.ADMIN, village.place()) || user.covers(Role.COUNTY_OFFICER, village.place())) {
			return true;
		}
		return unit != null && user.manages(unit) && (onRecord || this.cadres.paired(unit, village.key(), startedOn));
	}

	/** A posting's days, on record (its key) or from a row of the file (no key). */
	private record Span(@Nullable Long key, long villageKey, LocalDate startedOn, @Nullable LocalDate endedOn) {

		boolean same(@Nullable Long other) {
			return this.key != null && this.key.equals(other);
		}

		boolean overlaps(Span other) {
			return (this.endedOn == null || !this.endedOn.isBefore(other.startedOn))
					&& (other.endedOn == null || !other.endedOn.isBefore(this.startedOn));
		}

		String describe() {
			return this.startedOn + " — " + ((this.endedOn != null) ? this.endedOn : "");
		}

	}

}
