package cn.ankang.bangfu.household;

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
import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.shared.values.Money;

import org.springframework.stereotype.Component;

/**
 * Monitored households with their members, as the national monitoring system
 * (全国防止返贫监测信息系统) exports them: one row per member, the household's own fields repeated on
 * each, found by the head's ID number. A household new to Bangfu is created with its
 * members and the year's income; one on record gets what differs, and a member not on
 * record is added. Nothing is deleted: a member missing from the file stays.
 */
@Component
class HouseholdImport implements ImportKind {

	private static final List<ImportColumn> COLUMNS = List
		.of(ImportColumn.code("villageCode", "村代码", true, 12)
			.alias("行政村代码", "行政区划代码", "村级行政区划代码")
			.note("统计用 12 位行政区划代码")
			.example("610921101201"),
				ImportColumn.text("householdNumber", "户编号", false, 40)
					.note("同一户的各成员行填相同的户编号；不填时按村代码和户主姓名归户")
					.example("6109211012010001"),
				ImportColumn.text("headName", "户主姓名", true, 50).example("张德明"),
				ImportColumn.text("name", "姓名", true, 50).alias("成员姓名").example("张德明"),
				ImportColumn.of("idNumber", "证件号码", true, ImportColumn.Type.ID_NUMBER)
					.alias("身份证号", "身份证号码", "成员证件号码")
					.example("610921198503120018"),
				ImportColumn.choice("relation", "与户主关系", true, "relation")
					.accept("SPOUSE", "妻", "夫", "妻子", "丈夫")
					.accept("CHILD", "之子", "之女", "子", "女", "儿子", "女儿", "长子", "次子", "长女", "次女")
					.accept("PARENT", "之父", "之母", "父亲", "母亲")
					.accept("GRANDCHILD", "之孙子", "之孙女", "孙子", "孙女", "之外孙子", "之外孙女")
					.accept("SIBLING", "之兄弟姐妹", "兄弟", "姐妹")
					.accept("OTHER", "之儿媳", "之女婿", "之兄弟姐妹之子女")
					.example("户主"),
				ImportColumn.choice("gender", "性别", false, "gender").note("不填时由证件号码得出").example("男"),
				ImportColumn.of("birthDate", "出生日期", false, ImportColumn.Type.DATE)
					.note("不填时由证件号码得出")
					.example("1985-03-12"),
				ImportColumn.choice("category", "监测对象类别", true, "category").example("边缘易致贫户"),
				ImportColumn.choices("riskTypes", "风险类型", false, "riskType")
					.alias("致贫风险", "主要风险类型", "风险类别")
					.accept("UNSTABLE_EMPLOYMENT", "因务工就业不稳", "务工就业不稳定")
					.accept("LACK_OF_LABOUR", "因缺劳动力", "缺劳力")
					.accept("HOUSING_SAFETY", "因住房安全")
					.accept("DRINKING_WATER", "因饮水安全")
					.example("因病、因学"),
				ImportColumn.of("identifiedOn", "识别纳入时间", true, ImportColumn.Type.DATE)
					.alias("纳入监测时间", "识别时间")
					.example("2022-06-15"),
				ImportColumn.of("eliminatedOn", "风险消除时间", false, ImportColumn.Type.DATE)
					.note("风险已消除的户填写，未消除的留空")
					.example(""),
				ImportColumn.of("perCapitaIncome", "家庭人均纯收入", false, ImportColumn.Type.MONEY)
					.alias("人均纯收入")
					.note("填写时须同时填收入年度")
					.example("8650.00"),
				ImportColumn.of("incomeYear", "收入年度", false, ImportColumn.Type.YEAR).example("2023"),
				ImportColumn.of("headPhone", "联系电话", false, ImportColumn.Type.PHONE)
					.alias("户主联系电话")
					.example("13800000000"));

	private final HouseholdImportRepository repository;

	private final GeoService geo;

	HouseholdImport(HouseholdImportRepository repository, GeoService geo) {
		this.repository = repository;
		this.geo = geo;
	}

	@Override
	public String code() {
		return "HOUSEHOLDS";
	}

	@Override
	public String title() {
		return "监测户及家庭成员";
	}

	@Override
	public String sheet() {
		return "监测户成员";
	}

	@Override
	public List<ImportColumn> columns() {
		return COLUMNS;
	}

	@Override
	public List<String> notes() {
		return List.of("每行一名家庭成员，同户各行的户主姓名、监测对象类别、风险类型、识别纳入时间、风险消除时间、收入等户信息须一致；户主一行的与户主关系填“户主”。",
				"按户主证件号码认户：已在系统中的户只更新不同之处，未在系统中的户新建。文件中没有的成员不会被删除。", "导入的成员都是在册成员；成员死亡或迁出，请在户的成员信息中登记离开。",
				"可直接使用全国防返贫监测信息系统导出的表格，列的顺序不限，多余的列会被忽略并提示。", "证件号码列请设为“文本”格式，否则 Excel 会把 18 位号码变成 9.9E+17 并丢失末几位。",
				"县级干部只能导入本县的户，乡镇干部只能导入本乡镇的户。");
	}

	@Override
	public boolean mayImport(CurrentUser user) {
		return user.has(Role.ADMIN) || user.has(Role.COUNTY_OFFICER) || user.has(Role.TOWN_OFFICER);
	}

	@Override
	public Batch start(ImportContext context) {
		return new HouseholdBatch(context);
	}

	/** A member's row as read. */
	record MemberRow(int row, String villageCode, String group, String headName, String name, String idNumber,
			String relation, String gender, LocalDate birthDate, String category, List<String> riskTypes,
			LocalDate identifiedOn, @Nullable LocalDate eliminatedOn, @Nullable Long perCapitaFen,
			@Nullable Integer incomeYear, @Nullable String headPhone) {
	}

	private final class HouseholdBatch implements Batch {

		private final ImportContext context;

		private final Map<String, List<MemberRow>> groups = new LinkedHashMap<>();

		private final Map<String, Integer> idNumbers = new HashMap<>();

		HouseholdBatch(ImportContext context) {
			this.context = context;
		}

		@Override
		public void row(ImportRow row) {
			String village = row.code("villageCode");
			String number = row.text("householdNumber");
			String headName = row.text("headName");
			String name = row.text("name");
			String id = row.idNumber("idNumber");
			String relation = row.choice("relation");
			String gender = row.choice("gender");
			LocalDate birth = row.date("birthDate");
			String category = row.choice("category");
			List<String> risks = row.choices("riskTypes");
			LocalDate identified = row.date("identifiedOn");
			LocalDate eliminated = row.date("eliminatedOn");
			Long income = row.fen("perCapitaIncome");
			Integer year = row.year("incomeYear");
			String phone = row.phone("headPhone");
			if (id != null) {
				String derivedGender = (Character.getNumericValue(id.charAt(16)) % 2 == 1) ? "MALE" : "FEMALE";
				LocalDate derivedBirth = ImportRow.idBirthDate(id);
				if (gender != null && !gender.equals(derivedGender)) {
					// old records and some registrations disagree with the digit: the
					// file's gender stands
					row.notice("gender", "household.genderOfId", Labels.of("gender", gender));
				}
				if (birth != null && !birth.equals(derivedBirth)) {
					row.problem("birthDate", "household.birthOfId", birth.toString(), String.valueOf(derivedBirth));
				}
				gender = (gender != null) ? gender : derivedGender;
				birth = (birth != null) ? birth : derivedBirth;
				if (birth == null) {
					row.problem("idNumber", "household.noBirthInId", id);
				}
				Integer first = this.idNumbers.putIfAbsent(id, row.number());
				if (first != null) {
					row.problem("idNumber", "row.duplicate", first.toString(), "证件号码");
				}
			}
			if (identified != null && (identified.isAfter(this.context.today()) || identified.getYear() < 2000)) {
				row.problem("identifiedOn", "cell.dateRange", "识别纳入时间", identified.toString(), "2000-01-01",
						this.context.today().toString());
			}
			if (eliminated != null && identified != null
					&& (eliminated.isBefore(identified) || eliminated.isAfter(this.context.today()))) {
				row.problem("eliminatedOn", "cell.dateRange", "风险消除时间", eliminated.toString(), identified.toString(),
						this.context.today().toString());
			}
			if (income != null && year == null) {
				row.problem("incomeYear", "household.incomeWithoutYear");
			}
			if (row.hasProblems()) {
				return;
			}
			String group = (number != null) ? "#" + number : village + "|" + headName;
			this.groups.computeIfAbsent(group, (g) -> new ArrayList<>())
				.add(new MemberRow(row.number(), village, group, headName, name, id, relation, gender, birth, category,
						risks, identified, eliminated, income, year, phone));
		}

		@Override
		public Plan plan() {
			List<HouseholdImportRepository.Family> families = new ArrayList<>();
			Set<String> codes = new HashSet<>();
			for (List<MemberRow> members : this.groups.values()) {
				codes.add(members.get(0).villageCode());
			}
			Map<String, GeoService.CodedArea> villages = HouseholdImport.this.geo.villagesByCode(codes);
			for (List<MemberRow> members : this.groups.values()) {
				HouseholdImportRepository.Family family = family(members, villages);
				if (family != null) {
					families.add(family);
				}
			}
			List<String> ids = new ArrayList<>(this.idNumbers.keySet());
			Map<String, HouseholdImportRepository.Stored> stored = HouseholdImport.this.repository
				.households(families.stream().map((f) -> f.head().idNumber()).toList());
			Map<String, HouseholdImportRepository.StoredMember> members = HouseholdImport.this.repository
				.members(stored.values().stream().map(HouseholdImportRepository.Stored::key).toList());
			Set<String> visible = new HashSet<>(members.keySet());
			stored.values().forEach((household) -> visible.add(household.headIdNumber()));
			Set<String> taken = new HashSet<>(HouseholdImport.this.repository.idNumbersTaken(ids));
			List<HouseholdImportRepository.Change> changes = new ArrayList<>();
			for (HouseholdImportRepository.Family family : families) {
				HouseholdImportRepository.Stored household = stored.get(family.head().idNumber());
				boolean clash = false;
				for (MemberRow member : family.members()) {
					HouseholdImportRepository.StoredMember known = members.get(member.idNumber());
					boolean elsewhere = (known != null
							&& (household == null || known.householdKey() != household.key()))
							|| (taken.contains(member.idNumber()) && !visible.contains(member.idNumber()));
					if (elsewhere) {
						this.context.problem(member.row(), "证件号码", "household.idElsewhere", member.idNumber());
						clash = true;
					}
				}
				if (clash) {
					continue;
				}
				changes.add(compare(family, household, members));
			}
			CurrentUser user = this.context.user();
			String role = user.has(Role.ADMIN) ? "ADMIN"
					: user.has(Role.COUNTY_OFFICER) ? "COUNTY_OFFICER" : "TOWN_OFFICER";
			return () -> HouseholdImport.this.repository.apply(changes, role);
		}

		/** The household a group of rows describes, or null when they disagree. */
		private HouseholdImportRepository.@Nullable Family family(List<MemberRow> rows,
				Map<String, GeoService.CodedArea> villages) {
			List<MemberRow> heads = rows.stream().filter((row) -> row.relation().equals("HEAD")).toList();
			MemberRow first = rows.get(0);
			if (heads.size() != 1) {
				this.context.problem(first.row(), "与户主关系", heads.isEmpty() ? "household.noHead" : "household.twoHeads",
						first.headName());
				return null;
			}
			MemberRow head = heads.get(0);
			boolean agree = true;
			for (MemberRow row : rows) {
				if (!row.villageCode().equals(head.villageCode()) || !row.category().equals(head.category())
						|| !row.riskTypes().equals(head.riskTypes()) || !row.identifiedOn().equals(head.identifiedOn())
						|| !Objects.equals(row.eliminatedOn(), head.eliminatedOn())
						|| !Objects.equals(row.perCapitaFen(), head.perCapitaFen())
						|| !Objects.equals(row.incomeYear(), head.incomeYear())
						|| !row.headName().equals(head.headName())) {
					this.context.problem(row.row(), null, "household.disagrees", Integer.toString(head.row()));
					agree = false;
				}
			}
			if (!head.name().equals(head.headName())) {
				this.context.problem(head.row(), "户主姓名", "household.headName", head.name(), head.headName());
				agree = false;
			}
			GeoService.CodedArea village = villages.get(head.villageCode());
			if (village == null) {
				this.context.problem(head.row(), "村代码", "row.unknownVillage", head.villageCode());
				return null;
			}
			CurrentUser user = this.context.user();
			Place place = village.place();
			if (!(user.covers(Role.ADMIN, place) || user.covers(Role.COUNTY_OFFICER, place)
					|| user.covers(Role.TOWN_OFFICER, place))) {
				this.context.problem(head.row(), "村代码", "row.outOfJurisdiction", village.name());
				return null;
			}
			return agree ? new HouseholdImportRepository.Family(village.key(), head, rows) : null;
		}

		private HouseholdImportRepository.Change compare(HouseholdImportRepository.Family family,
				HouseholdImportRepository.@Nullable Stored household,
				Map<String, HouseholdImportRepository.StoredMember> members) {
			MemberRow head = family.head();
			String status = (head.eliminatedOn() != null) ? "RISK_ELIMINATED" : "MONITORING";
			if (household == null) {
				this.context.creates(head.row(), "household.created", head.headName(),
						Integer.toString(family.members().size()));
				return new HouseholdImportRepository.Change(family, null, status, family.members(), List.of(), true);
			}
			ImportContext.Changes changes = this.context.changes(head.row(), "户主 " + head.headName());
			boolean own = changes.field("村代码", household.villageCode(), head.villageCode());
			own |= changes.field("户主姓名", household.headName(), head.headName());
			own |= head.headPhone() != null && changes.field("联系电话", household.headPhone(), head.headPhone());
			own |= changes.field("监测对象类别", Labels.of("category", household.category()),
					Labels.of("category", head.category()));
			own |= changes.field("风险类型", names(household.riskTypes()), names(head.riskTypes()));
			own |= changes.field("识别纳入时间", household.identifiedOn(), head.identifiedOn());
			own |= changes.field("风险消除时间", household.eliminatedOn(), head.eliminatedOn());
			own |= changes.field("状态", Labels.of("householdStatus", household.status()),
					Labels.of("householdStatus", status));
			boolean income = head.perCapitaFen() != null && changes.field(head.incomeYear() + "年家庭人均纯收入",
					(household.incomeFen(head.incomeYear()) != null)
							? Money.yuan(household.incomeFen(head.incomeYear())).toPlainString() : null,
					Money.yuan(head.perCapitaFen()).toPlainString());
			List<MemberRow> added = new ArrayList<>();
			List<MemberRow> corrected = new ArrayList<>();
			for (MemberRow member : family.members()) {
				HouseholdImportRepository.StoredMember known = members.get(member.idNumber());
				if (known == null) {
					changes.field("成员 " + member.name(), null, "新增");
					added.add(member);
					continue;
				}
				String who = "成员 " + member.name() + " 的";
				boolean differs = changes.field(who + "姓名", known.name(), member.name());
				differs |= changes.field(who + "与户主关系", Labels.of("relation", known.relation()),
						Labels.of("relation", member.relation()));
				differs |= changes.field(who + "性别", Labels.of("gender", known.gender()),
						Labels.of("gender", member.gender()));
				differs |= changes.field(who + "出生日期", known.birthDate(), member.birthDate());
				if (differs) {
					corrected.add(member);
				}
			}
			boolean changed = changes.done();
			return new HouseholdImportRepository.Change(family, household, status, added, corrected,
					changed && (own || income));
		}

		private static String names(List<String> risks) {
			return String.join("、", risks.stream().map((risk) -> Labels.of("riskType", risk)).sorted().toList());
		}

	}

}
