package cn.ankang.bangfu.village;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Amount;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Money;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps villages' own records: the collective income of a year (村集体经济收入), the legal
 * adviser posted (村(社区)法律顾问) and the village plan compiled (村庄规划). County and town
 * officers keep those of the villages of their county or town, admins everyone's. Each
 * change counts once ({@link ClientChanges}) and is kept in the village's history by the
 * database (V31).
 */
@Service
class VillageRecords {

	private static final String WHAT = "Keeping villages' records";

	/** The most collective income a village records for a year: 100 million yuan. */
	static final long MAX_INCOME_YUAN = 100_000_000L;

	private final VillageRecordRepository records;

	private final GeoService geo;

	private final ClientChanges changes;

	private final Clock clock;

	VillageRecords(VillageRecordRepository records, GeoService geo, ClientChanges changes, Clock clock) {
		this.records = records;
		this.geo = geo;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * Records a village's collective income of a year, or changes the one recorded (with
	 * the version it was based on).
	 */
	@Transactional
	Outcome<VillageCollectiveIncome> recordIncome(RecordIncomeInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.ADMIN, Role.COUNTY_OFFICER, Role.TOWN_OFFICER);
		return this.changes.once("recordVillageCollectiveIncome", input.changeId(), input,
				year(input.year(), "year").stream().toList(), () -> {
					Found village = village(user, input.villageId());
					if (village.refusal() != null) {
						return Outcome.refused(null, village.refusal());
					}
					long fen = Money.fen(input.income());
					String note = stripped(input.sourceNote());
					VillageCollectiveIncome kept = this.records.income(village.key(), input.year());
					if (kept == null) {
						return Outcome.done(income(this.records.insertIncome(village.key(), input.year(), fen, note)));
					}
					if (input.baseVersion() == null) {
						return Outcome.refused(kept,
								Refusals.alreadyExists("The village's collective income of %d".formatted(input.year()),
										"该村%d年度的集体经济收入记录".formatted(input.year()), "year"));
					}
					if (kept.version() != input.baseVersion()
							|| !this.records.updateIncome(kept.key(), input.baseVersion(), fen, note)) {
						return Outcome.refused(kept, Refusals.stale(input.baseVersion(), kept.version()));
					}
					return Outcome.done(income(kept.key()));
				}, VillageCollectiveIncome::key, this::income);
	}

	/** Posts a legal adviser to a village from a day on. */
	@Transactional
	Outcome<LegalAdviserPosting> postAdviser(PostAdviserInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.ADMIN, Role.COUNTY_OFFICER, Role.TOWN_OFFICER);
		return this.changes.once("postLegalAdviser", input.changeId(), input, () -> {
			Found village = village(user, input.villageId());
			if (village.refusal() != null) {
				return Outcome.refused(null, village.refusal());
			}
			Optional<UserError> day = Refusals.day(input.startedOn(), today(), Refusals.EARLIEST, "startedOn");
			if (day.isPresent()) {
				return Outcome.refused(null, day.get());
			}
			if (this.records.adviserPostedFrom(village.key(), input.startedOn())) {
				return Outcome.refused(null,
						Refusals.alreadyExists(
								"A legal adviser of this village on or after %s".formatted(input.startedOn()),
								"该村（社区）在 %s 及以后的法律顾问".formatted(input.startedOn()), "startedOn"));
			}
			return Outcome.done(adviser(this.records.insertAdviser(village.key(), input.adviserName().strip(),
					input.lawFirm().strip(), input.startedOn())));
		}, LegalAdviserPosting::key, this::adviser);
	}

	/** Ends an adviser's posting on its last day. */
	@Transactional
	Outcome<LegalAdviserPosting> endAdviser(EndAdviserInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.ADMIN, Role.COUNTY_OFFICER, Role.TOWN_OFFICER);
		return this.changes.once("endLegalAdviserPosting", input.changeId(), input, () -> {
			LegalAdviserPosting posting = GlobalId.numericKeyOf(input.postingId(), "LegalAdviserPosting")
				.map(this::adviser)
				.orElse(null);
			if (posting == null) {
				return Outcome.refused(null, Refusals.notFound("legal adviser's posting", "法律顾问聘任记录", "postingId"));
			}
			if (!mayKeep(user, this.geo.placeOfVillage(posting.villageKey()).orElseThrow())) {
				return Outcome.refused(posting,
						Refusals.outOfJurisdiction("legal adviser's posting", "法律顾问聘任记录", "postingId"));
			}
			if (posting.version() != input.baseVersion()) {
				return Outcome.refused(posting, Refusals.stale(input.baseVersion(), posting.version()));
			}
			if (posting.endedOn() != null) {
				return Outcome.refused(posting,
						Refusals.invalidTransition("The posting ended on %s already.".formatted(posting.endedOn()),
								"该法律顾问的聘任已于 %s 结束。".formatted(posting.endedOn()), "postingId"));
			}
			Optional<UserError> day = Refusals.day(input.endedOn(), today(), posting.startedOn(), "endedOn");
			if (day.isPresent()) {
				return Outcome.refused(posting, day.get());
			}
			if (!this.records.endAdviser(posting.key(), input.baseVersion(), input.endedOn())) {
				return Outcome.refused(posting, Refusals.stale(input.baseVersion(), posting.version() + 1));
			}
			return Outcome.done(adviser(posting.key()));
		}, LegalAdviserPosting::key, this::adviser);
	}

	/**
	 * Records a village plan compiled in a year, or changes its approval (with the
	 * version it was based on).
	 */
	@Transactional
	Outcome<VillagePlan> recordPlan(RecordPlanInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.ADMIN, Role.COUNTY_OFFICER, Role.TOWN_OFFICER);
		List<UserError> refusals = new ArrayList<>(year(input.compiledYear(), "compiledYear").stream().toList());
		if ((input.approvedOn() == null) != (input.documentNumber() == null)) {
			refusals.add(Refusals.invalid("An approval needs both its day and its document number.", "批复日期和批复文号须同时填写。",
					(input.approvedOn() == null) ? "approvedOn" : "documentNumber"));
		}
		if (input.approvedOn() != null) {
			Refusals
				.day(input.approvedOn(), today(), LocalDate.of(Math.max(input.compiledYear(), 2000), 1, 1),
						"approvedOn")
				.ifPresent(refusals::add);
		}
		return this.changes.once("recordVillagePlan", input.changeId(), input, refusals, () -> {
			Found village = village(user, input.villageId());
			if (village.refusal() != null) {
				return Outcome.refused(null, village.refusal());
			}
			String document = stripped(input.documentNumber());
			VillagePlan kept = this.records.plan(village.key(), input.compiledYear());
			if (kept == null) {
				return Outcome.done(plan(
						this.records.insertPlan(village.key(), input.compiledYear(), input.approvedOn(), document)));
			}
			if (input.baseVersion() == null) {
				return Outcome.refused(kept,
						Refusals.alreadyExists("The village's plan compiled in %d".formatted(input.compiledYear()),
								"该村%d年编制的村庄规划".formatted(input.compiledYear()), "compiledYear"));
			}
			if (kept.version() != input.baseVersion()
					|| !this.records.updatePlan(kept.key(), input.baseVersion(), input.approvedOn(), document)) {
				return Outcome.refused(kept, Refusals.stale(input.baseVersion(), kept.version()));
			}
			return Outcome.done(plan(kept.key()));
		}, VillagePlan::key, this::plan);
	}

	/** The village an input names, where it lies, or why it cannot be kept. */
	private Found village(CurrentUser user, String villageId) {
		Optional<Place> place = GlobalId.numericKeyOf(villageId, "Village").flatMap(this.geo::placeOfVillage);
		if (place.isEmpty()) {
			return new Found(0, Refusals.notFound("village", "村（社区）", "villageId"));
		}
		long key = place.get().villageKey();
		if (!mayKeep(user, place.get())) {
			return new Found(key, Refusals.outOfJurisdiction("village", "村（社区）", "villageId"));
		}
		return new Found(key, null);
	}

	private static boolean mayKeep(CurrentUser user, Place place) {
		return user.covers(Role.ADMIN, place) || user.covers(Role.COUNTY_OFFICER, place)
				|| user.covers(Role.TOWN_OFFICER, place);
	}

	/** A refusal of a year that is not one of the programme's up to this one. */
	private Optional<UserError> year(int year, String field) {
		int now = today().getYear();
		if (year < Refusals.EARLIEST.getYear() || year > now) {
			return Optional.of(Refusals.invalid(
					"%d is not a year to record: from %d to this year (%d).".formatted(year,
							Refusals.EARLIEST.getYear(), now),
					"年度 %d 不在可记录的范围内（%d 年至今年 %d 年）。".formatted(year, Refusals.EARLIEST.getYear(), now), field));
		}
		return Optional.empty();
	}

	private static @Nullable String stripped(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	private @Nullable VillageCollectiveIncome income(long key) {
		List<VillageCollectiveIncome> found = this.records.incomesByKeys(List.of(key));
		return found.isEmpty() ? null : found.get(0);
	}

	private @Nullable LegalAdviserPosting adviser(long key) {
		List<LegalAdviserPosting> found = this.records.advisersByKeys(List.of(key));
		return found.isEmpty() ? null : found.get(0);
	}

	private @Nullable VillagePlan plan(long key) {
		List<VillagePlan> found = this.records.plansByKeys(List.of(key));
		return found.isEmpty() ? null : found.get(0);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private record Found(long key, @Nullable UserError refusal) {
	}

	record RecordIncomeInput(@ClientId String changeId, String villageId, int year,
			@Amount(max = MAX_INCOME_YUAN, zero = true) BigDecimal income,
			@Nullable @Text(max = 1000, lines = true) String sourceNote, @Nullable Integer baseVersion) {
	}

	record PostAdviserInput(@ClientId String changeId, String villageId, @Text(min = 2, max = 50) String adviserName,
			@Text(min = 2, max = 100) String lawFirm, LocalDate startedOn) {
	}

	record EndAdviserInput(@ClientId String changeId, String postingId, int baseVersion, LocalDate endedOn) {
	}

	record RecordPlanInput(@ClientId String changeId, String villageId, int compiledYear,
			@Nullable LocalDate approvedOn, @Nullable @Text(max = 100) String documentNumber,
			@Nullable Integer baseVersion) {
	}

}
