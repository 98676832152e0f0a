package cn.ankang.bangfu.supervision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps supervision rounds and the rectification of their problems (督帮、问题整改): the city's
 * leaders (and admins) send a round over counties, zones, towns, villages and departments
 * and own it; problems are recorded where they were found by those whose jurisdiction it
 * is; whoever is responsible there submits the evidence of the rectification; the round's
 * owner reviews it and closes the problem (整改销号) or sends it back. Kept in the history of
 * the round and of each problem by the database.
 */
@Service
class SupervisionRecords {

	private static final String ROUNDS = "Sending supervision rounds";

	private static final String PROBLEMS = "Recording supervision problems";

	private static final String RECTIFYING = "Rectifying supervision problems";

	private static final String REVIEWING = "Reviewing rectifications";

	private final SupervisionRepository repository;

	private final SupervisionService reads;

	private final GeoService geo;

	private final ClientChanges changes;

	private final ApplicationEventPublisher events;

	SupervisionRecords(SupervisionRepository repository, SupervisionService reads, GeoService geo,
			ClientChanges changes, ApplicationEventPublisher events) {
		this.repository = repository;
		this.reads = reads;
		this.geo = geo;
		this.changes = changes;
		this.events = events;
	}

	/** Records a round with what it covers; the user who records it owns it. */
	@Transactional
	Outcome<SupervisionRound> createRound(CreateRoundInput input) {
		CurrentUser user = Auth.requireAny(ROUNDS, Role.CITY_LEADER, Role.ADMIN);
		return this.changes.once("createSupervisionRound", input.changeId(), input, () -> {
			Long city = this.repository.cityByCode(input.cityCode());
			if (city == null) {
				return Outcome.refused(null, Refusals.notFound("city", "市", "cityCode"));
			}
			Place cityPlace = new Place(city, null, null, null);
			if (!user.covers(Role.ADMIN, cityPlace) && !user.covers(Role.CITY_LEADER, cityPlace)) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("city", "市", "cityCode"));
			}
			Optional<UserError> started = Refusals.day(input.startedOn(), this.reads.today(), Refusals.EARLIEST,
					"startedOn");
			if (started.isPresent()) {
				return Outcome.refused(null, started.get());
			}
			if (input.endedOn().isBefore(input.startedOn())) {
				return Outcome.refused(null,
						Refusals.invalid(
								"The round ends on %s, before it starts on %s.".formatted(input.endedOn(),
										input.startedOn()),
								"结束日期 %s 早于开始日期 %s。".formatted(input.endedOn(), input.startedOn()), "endedOn"));
			}
			int year = input.startedOn().getYear();
			String name = input.name().strip();
			if (this.repository.roundNamed(city, year, name)) {
				return Outcome.refused(null, Refusals.alreadyExists("A round of this name in %d".formatted(year),
						"%d年同名的督帮轮次".formatted(year), "name"));
			}
			List<SupervisionRepository.Coverage> coverage = new ArrayList<>();
			Optional<UserError> areas = areas(city, input.countyCodes(), "countyCodes", this.geo::countiesByCode,
					coverage)
				.or(() -> areas(city, input.townCodes(), "townCodes", this.geo::townsByCode, coverage))
				.or(() -> areas(city, input.villageCodes(), "villageCodes", this.geo::villagesByCode, coverage));
			if (areas.isPresent()) {
				return Outcome.refused(null, areas.get());
			}
			for (String zone : distinct(input.zones())) {
				coverage.add(new SupervisionRepository.Coverage(0, null, null, null, zone, null));
			}
			for (String department : distinct(input.departments())) {
				coverage.add(new SupervisionRepository.Coverage(0, null, null, null, null, department));
			}
			if (coverage.isEmpty()) {
				return Outcome.refused(null,
						Refusals.invalid("A round covers at least one county, zone, town, village or department.",
								"督帮轮次至少要覆盖一个县区、功能区、镇、村或部门。", "countyCodes"));
			}
			long key = this.repository.insertRound(city, year, name, input.organiser().strip(), user.userKey(),
					input.startedOn(), input.endedOn());
			this.repository.insertCoverage(key, coverage);
			return Outcome.done(round(key));
		}, SupervisionRound::key, this::round);
	}

	/** Records a problem a round found, where it was found. */
	@Transactional
	Outcome<SupervisionProblem> recordProblem(RecordProblemInput input) {
		CurrentUser user = Auth.requireAny(PROBLEMS, Role.CITY_LEADER, Role.ADMIN, Role.COUNTY_OFFICER,
				Role.TOWN_OFFICER);
		List<UserError> dates = new ArrayList<>();
		if (input.deadline().isBefore(input.foundOn())) {
			dates.add(Refusals.invalid(
					"The deadline %s is before the day the problem was found (%s).".formatted(input.deadline(),
							input.foundOn()),
					"整改期限 %s 早于发现问题的日期 %s。".formatted(input.deadline(), input.foundOn()), "deadline"));
		}
		return this.changes.once("recordSupervisionProblem", input.changeId(), input, dates, () -> {
			SupervisionRound round = GlobalId.numericKeyOf(input.roundId(), "SupervisionRound")
				.map(this::round)
				.orElse(null);
			if (round == null) {
				return Outcome.refused(null, Refusals.notFound("round", "督帮轮次", "roundId"));
			}
			Optional<GeoService.CodedArea> area = area(input.areaCode());
			if (area.isEmpty()) {
				return Outcome.refused(null, Refusals.notFound("area", "地区", "areaCode"));
			}
			Place place = area.get().place();
			if (place.cityKey() != round.cityKey() || place.countyKey() == null) {
				return Outcome.refused(null,
						Refusals.invalid("The area lies outside the round's city.", "该地区不在本轮督帮所属的市。", "areaCode"));
			}
			if (!mayKeep(user, place)) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("area", "地区", "areaCode"));
			}
			Optional<UserError> found = Refusals.day(input.foundOn(), this.reads.today(), round.startedOn(), "foundOn");
			if (found.isPresent()) {
				return Outcome.refused(null, found.get());
			}
			String number = (input.number() != null) ? input.number().strip() : null;
			// a number is the round's once, wherever the problem that holds it is
			if (number != null && this.repository.numberTaken(round.key(), number)) {
				return Outcome.refused(null,
						Refusals.alreadyExists("A problem of this number in the round", "本轮督帮中该问题编号的问题", "number"));
			}
			long key = this.repository.insertProblem(round.key(), place.countyKey(), place.townKey(),
					place.villageKey(), (input.department() != null) ? input.department().strip() : null,
					input.category(), input.description().strip(), input.responsible().strip(), input.foundOn(),
					input.deadline(), number);
			this.events.publishEvent(new SupervisionEvents.ToRectify(key, place.countyKey(), place.townKey(),
					place.villageKey(), input.deadline()));
			return Outcome.done(problem(key));
		}, SupervisionProblem::key, this::problem);
	}

	/**
	 * Submits the evidence that a problem was rectified, for the round's owner to review.
	 * Whoever sees the problem (its county, town or village is theirs) submits it.
	 */
	@Transactional
	Outcome<SupervisionProblem> submitRectification(RectifyInput input) {
		CurrentUser user = Auth.requireAny(RECTIFYING, Role.CITY_LEADER, Role.ADMIN, Role.COUNTY_OFFICER,
				Role.TOWN_OFFICER, Role.FIRST_SECRETARY, Role.TEAM_MEMBER);
		return this.changes.once("submitProblemRectification", input.changeId(), input, () -> {
			SupervisionProblem problem = visibleProblem(input.problemId());
			if (problem == null) {
				return Outcome.refused(null, Refusals.notFound("problem", "问题", "problemId"));
			}
			if (problem.version() != input.baseVersion()) {
				return Outcome.refused(problem, Refusals.stale(input.baseVersion(), problem.version()));
			}
			if (!problem.status().awaitsRectification()) {
				return Outcome.refused(problem,
						Refusals.invalidTransition(
								"The problem is %s: only a problem found or sent back is rectified."
									.formatted(problem.status()),
								"该问题%s，只有待整改或被退回的问题才能提交整改材料。".formatted(statusZh(problem.status())), "problemId"));
			}
			Optional<UserError> day = Refusals.day(input.rectifiedOn(), this.reads.today(), problem.foundOn(),
					"rectifiedOn");
			if (day.isPresent()) {
				return Outcome.refused(problem, day.get());
			}
			if (!this.repository.rectify(problem.key(), input.baseVersion(), input.evidence().strip(),
					input.rectifiedOn())) {
				return Outcome.refused(problem, Refusals.stale(input.baseVersion(), problem.version() + 1));
			}
			this.events.publishEvent(new SupervisionEvents.Rectified(problem.key(), user.userKey()));
			return Outcome.done(problem(problem.key()));
		}, SupervisionProblem::key, this::problem);
	}

	/**
	 * The round's owner reviews a rectification: accepts it, which closes the problem
	 * (销号), or sends it back with the reason. A round loaded without an owner is reviewed
	 * by its city's leaders and admins.
	 */
	@Transactional
	Outcome<SupervisionProblem> review(ReviewInput input) {
		CurrentUser user = Auth.require();
		List<UserError> fields = new ArrayList<>();
		if (input.accept() && input.closedOn() == null) {
			fields.add(Refusals.invalid("Give the day the problem is closed.", "请填写销号日期。", "closedOn"));
		}
		if (!input.accept() && input.reason() == null) {
			fields.add(Refusals.invalid("Give the reason the rectification is sent back.", "请填写退回原因。", "reason"));
		}
		return this.changes.once("reviewProblemRectification", input.changeId(), input, fields, () -> {
			SupervisionProblem problem = visibleProblem(input.problemId());
			if (problem == null) {
				return Outcome.refused(null, Refusals.notFound("problem", "问题", "problemId"));
			}
			SupervisionRound round = round(problem.roundKey());
			if (round == null || !mayReview(user, round)) {
				return Outcome.refused(problem,
						new UserError("NOT_ROUND_OWNER",
								"Only the owner of the round that found the problem reviews its rectification.",
								List.of("input", "problemId"), "只有发现该问题的督帮轮次的负责人才能审核整改、销号。"));
			}
			if (problem.version() != input.baseVersion()) {
				return Outcome.refused(problem, Refusals.stale(input.baseVersion(), problem.version()));
			}
			if (problem.status() != SupervisionProblem.Status.RECTIFIED) {
				return Outcome.refused(problem,
						Refusals.invalidTransition(
								"The problem is %s: only a rectified problem is reviewed and closed."
									.formatted(problem.status()),
								"该问题%s，尚未提交整改材料的问题不能审核销号。".formatted(statusZh(problem.status())), "problemId"));
			}
			boolean changed;
			if (input.accept()) {
				LocalDate closedOn = java.util.Objects.requireNonNull(input.closedOn());
				Optional<UserError> day = Refusals.day(closedOn, this.reads.today(),
						java.util.Objects.requireNonNull(problem.rectifiedOn()), "closedOn");
				if (day.isPresent()) {
					return Outcome.refused(problem, day.get());
				}
				changed = this.repository.close(problem.key(), input.baseVersion(), closedOn);
			}
			else {
				changed = this.repository.sendBack(problem.key(), input.baseVersion(),
						java.util.Objects.requireNonNull(input.reason()).strip());
				if (changed) {
					this.events.publishEvent(new SupervisionEvents.ToRectify(problem.key(), problem.countyKey(),
							problem.townKey(), problem.villageKey(), problem.deadline()));
				}
			}
			if (!changed) {
				return Outcome.refused(problem, Refusals.stale(input.baseVersion(), problem.version() + 1));
			}
			return Outcome.done(problem(problem.key()));
		}, SupervisionProblem::key, this::problem);
	}

	/**
	 * Adds the areas of these codes to the coverage; a refusal when a code names no area
	 * of the kind, or one outside the city.
	 */
	private static Optional<UserError> areas(long city, @Nullable List<String> codes, String field,
			Function<Collection<String>, Map<String, GeoService.CodedArea>> lookUp,
			List<SupervisionRepository.Coverage> coverage) {
		List<String> wanted = distinct(codes);
		if (wanted.isEmpty()) {
			return Optional.empty();
		}
		Map<String, GeoService.CodedArea> found = lookUp.apply(wanted);
		for (String code : wanted) {
			GeoService.CodedArea area = found.get(code);
			if (area == null) {
				return Optional.of(Refusals.invalid("There is no area of code %s.".formatted(code),
						"找不到代码为 %s 的地区。".formatted(code), field));
			}
			Place place = area.place();
			if (place.cityKey() != city) {
				return Optional.of(Refusals.invalid("%s lies outside the round's city.".formatted(code),
						"%s 不在本轮督帮所属的市。".formatted(code), field));
			}
			coverage.add(new SupervisionRepository.Coverage(0, place.countyKey(), place.townKey(), place.villageKey(),
					null, null));
		}
		return Optional.empty();
	}

	/** A county's, a town's or a village's division code: 6, 9 or 12 digits. */
	private Optional<GeoService.CodedArea> area(String code) {
		Map<String, GeoService.CodedArea> found = switch (code.length()) {
			case 6 -> this.geo.countiesByCode(List.of(code));
			case 9 -> this.geo.townsByCode(List.of(code));
			case 12 -> this.geo.villagesByCode(List.of(code));
			default -> Map.of();
		};
		return Optional.ofNullable(found.get(code));
	}

	private static List<String> distinct(@Nullable List<String> values) {
		return (values != null) ? List.copyOf(new LinkedHashSet<>(values.stream().map(String::strip).toList()))
				: List.of();
	}

	/** Whether the user records and keeps problems found at the place. */
	static boolean mayKeep(CurrentUser user, Place place) {
		return user.covers(Role.ADMIN, place) || user.covers(Role.CITY_LEADER, place)
				|| user.covers(Role.COUNTY_OFFICER, place) || user.covers(Role.TOWN_OFFICER, place);
	}

	private static boolean mayReview(CurrentUser user, SupervisionRound round) {
		if (round.ownerUserKey() != null) {
			return round.ownerUserKey() == user.userKey();
		}
		Place city = new Place(round.cityKey(), null, null, null);
		return user.covers(Role.ADMIN, city) || user.covers(Role.CITY_LEADER, city);
	}

	private static String statusZh(SupervisionProblem.Status status) {
		return Labels.of("problemStatus", status.name());
	}

	private @Nullable SupervisionProblem visibleProblem(String id) {
		return GlobalId.numericKeyOf(id, "SupervisionProblem").map(this::problem).orElse(null);
	}

	private @Nullable SupervisionRound round(long key) {
		return this.reads.roundsByKeys(List.of(key)).get(key);
	}

	private @Nullable SupervisionProblem problem(long key) {
		return this.reads.problemsByKeys(List.of(key)).get(key);
	}

	record CreateRoundInput(@ClientId String changeId, String cityCode, @Text(min = 2, max = 100) String name,
			@Text(min = 2, max = 100) String organiser, LocalDate startedOn, LocalDate endedOn,
			@Size(max = 100) @Nullable List<String> countyCodes, @Size(max = 2000) @Nullable List<String> townCodes,
			@Size(max = 5000) @Nullable List<String> villageCodes,
			@Size(max = 20) @Nullable List<@Text(min = 2, max = 50) String> zones,
			@Size(max = 200) @Nullable List<@Text(min = 2, max = 100) String> departments) {
	}

	record RecordProblemInput(@ClientId String changeId, String roundId, String areaCode,
			@Nullable @Text(min = 2, max = 100) String department, SupervisionProblem.Category category,
			@Text(min = 2, max = 1000, lines = true) String description, @Text(min = 2, max = 100) String responsible,
			LocalDate foundOn, LocalDate deadline, @Nullable @Text(min = 1, max = 30) String number) {
	}

	record RectifyInput(@ClientId String changeId, String problemId, int baseVersion,
			@Text(min = 2, max = 2000, lines = true) String evidence, LocalDate rectifiedOn) {
	}

	record ReviewInput(@ClientId String changeId, String problemId, int baseVersion, boolean accept,
			@Nullable LocalDate closedOn, @Nullable @Text(min = 2, max = 500) String reason) {
	}

}
