package cn.ankang.bangfu.figure;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who has not been visited (未走访): the households under monitoring with no visit in the
 * last {@code days} days, and the villages where none of them was visited, in the asker's
 * jurisdiction, longest unvisited first, with the resident cadres to follow up with.
 * <p>
 * Read where the figures are read ({@link FigureDatabase}), with the coverage figure's
 * window ({@link VisitWindow}) and definitions: the list is what
 * {@code visitCoverageFigures} counts as not visited, from the same database.
 */
@Service
@Transactional(transactionManager = FigureDatabase.TRANSACTION_MANAGER, readOnly = true)
class UnvisitedLists {

	private final UnvisitedRepository repository;

	private final Jurisdiction jurisdiction;

	private final Clock clock;

	private final FigureFreshness freshness;

	UnvisitedLists(UnvisitedRepository repository, Jurisdiction jurisdiction, Clock clock, FigureFreshness freshness) {
		this.repository = repository;
		this.jurisdiction = jurisdiction;
		this.clock = clock;
		this.freshness = freshness;
	}

	/**
	 * A page of the households not visited in the window.
	 * @throws cn.ankang.bangfu.shared.errors.ApiException {@code INVALID_ARGUMENT} for a
	 * window out of range or a filter with a period, {@code INVALID_CURSOR} for a cursor
	 * of another list
	 */
	Page<UnvisitedHousehold> households(@Nullable Integer days, FigureFilter filter, PageRequest page) {
		VisitWindow window = VisitWindow.of(days, filter, OffsetDateTime.now(this.clock));
		// on a lagging replica a household visited since may still be listed: say so
		OffsetDateTime asOf = this.freshness.currentTo();
		UnvisitedRepository.After after = page.after(UnvisitedRepository.HOUSEHOLD_LIST, 2,
				(key) -> new UnvisitedRepository.After(lastVisit(key.get(0)), Long.parseLong(key.get(1)), ""));
		LocalDate today = today();
		UnvisitedRepository.Page<UnvisitedRepository.HouseholdRow> found = this.repository
			.households(this.jurisdiction.forQueries(), filter, window.since(), after, page.fetchSize());
		List<UnvisitedHousehold> rows = found.rows()
			.stream()
			.map((row) -> new UnvisitedHousehold(row.householdKey(), row.villageKey(), row.villageCode(),
					row.villageName(), row.townName(), row.countyName(), row.lastVisit(), day(row.lastVisit()),
					daysSince(row.lastVisit(), today)))
			.toList();
		return Page.of(
				Connection.of(rows, page,
						(household) -> PageRequest.cursor(UnvisitedRepository.HOUSEHOLD_LIST,
								cursorPart(household.lastVisitedAt()), household.householdKey()),
						found.total()),
				window, asOf);
	}

	/**
	 * A page of the villages with households under monitoring none of which was visited
	 * in the window.
	 * @throws cn.ankang.bangfu.shared.errors.ApiException as {@link #households}
	 */
	Page<UnvisitedVillage> villages(@Nullable Integer days, FigureFilter filter, PageRequest page) {
		VisitWindow window = VisitWindow.of(days, filter, OffsetDateTime.now(this.clock));
		// on a lagging replica a household visited since may still be listed: say so
		OffsetDateTime asOf = this.freshness.currentTo();
		UnvisitedRepository.After after = page.after(UnvisitedRepository.VILLAGE_LIST, 2,
				(key) -> new UnvisitedRepository.After(lastVisit(key.get(0)), 0, key.get(1)));
		LocalDate today = today();
		UnvisitedRepository.Page<UnvisitedRepository.VillageRow> found = this.repository
			.villages(this.jurisdiction.forQueries(), filter, window.since(), after, page.fetchSize());
		List<UnvisitedVillage> rows = found.rows()
			.stream()
			.map((row) -> new UnvisitedVillage(row.villageKey(), row.villageCode(), row.villageName(), row.townName(),
					row.countyName(), row.households(), row.lastVisit(), day(row.lastVisit()),
					daysSince(row.lastVisit(), today)))
			.toList();
		return Page.of(
				Connection.of(rows, page,
						(village) -> PageRequest.cursor(UnvisitedRepository.VILLAGE_LIST,
								cursorPart(village.lastVisitedAt()), village.villageCode()),
						found.total()),
				window, asOf);
	}

	/**
	 * The resident cadres in post today in each of these villages, first secretaries
	 * first, by village key: names and posts, nothing that reaches them.
	 */
	Map<Long, List<PostedCadre>> cadresInPost(Collection<Long> villageKeys) {
		return this.repository.cadresInPost(villageKeys, today())
			.stream()
			.collect(Collectors.groupingBy(UnvisitedRepository.CadreRow::villageKey,
					Collectors.mapping((row) -> new PostedCadre(row.name(), row.role()), Collectors.toList())));
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private @Nullable LocalDate day(@Nullable OffsetDateTime at) {
		return (at != null) ? at.atZoneSameInstant(this.clock.getZone()).toLocalDate() : null;
	}

	private @Nullable Integer daysSince(@Nullable OffsetDateTime at, LocalDate today) {
		LocalDate day = day(at);
		return (day != null) ? (int) ChronoUnit.DAYS.between(day, today) : null;
	}

	private static @Nullable OffsetDateTime lastVisit(String part) {
		return part.isEmpty() ? null : OffsetDateTime.parse(part);
	}

	private static String cursorPart(@Nullable OffsetDateTime lastVisit) {
		return (lastVisit != null) ? lastVisit.toString() : "";
	}

	/**
	 * A household under monitoring not visited in the window.
	 *
	 * @param householdKey the household's key
	 * @param villageKey its village's key
	 * @param villageCode its village's division code
	 * @param villageName its village's name
	 * @param townName its town's name
	 * @param countyName its county's name
	 * @param lastVisitedAt when it was last visited; null when never
	 * @param lastVisitedOn the day of that visit, in the programme's time zone
	 * @param daysSinceLastVisit days from that day to today
	 */
	record UnvisitedHousehold(long householdKey, long villageKey, String villageCode, String villageName,
			String townName, String countyName, @Nullable OffsetDateTime lastVisitedAt,
			@Nullable LocalDate lastVisitedOn, @Nullable Integer daysSinceLastVisit) {
	}

	/**
	 * A village none of whose households under monitoring was visited in the window.
	 *
	 * @param villageKey the village's key
	 * @param villageCode its division code
	 * @param villageName its name
	 * @param townName its town's name
	 * @param countyName its county's name
	 * @param monitoredHouseholds its households under monitoring, none visited
	 * @param lastVisitedAt when the last of them was last visited; null when none ever
	 * was
	 * @param lastVisitedOn the day of that visit, in the programme's time zone
	 * @param daysSinceLastVisit days from that day to today
	 */
	record UnvisitedVillage(long villageKey, String villageCode, String villageName, String townName, String countyName,
			int monitoredHouseholds, @Nullable OffsetDateTime lastVisitedAt, @Nullable LocalDate lastVisitedOn,
			@Nullable Integer daysSinceLastVisit) {
	}

	/**
	 * A resident cadre in post in a village, as the lists show them: name and post.
	 *
	 * @param name the cadre's name
	 * @param role the post, a {@code CadreRole}
	 */
	record PostedCadre(String name, String role) {

		/** The post as people read it (第一书记, 工作队长, 工作队员). */
		public String roleName() {
			return Labels.of("cadreRole", this.role);
		}

	}

	/**
	 * A page of a list, with the window it was read for.
	 *
	 * @param <T> the items
	 * @param edges the items with their cursors
	 * @param pageInfo where the page stands
	 * @param totalCount how many items over all pages
	 * @param days the window's length
	 * @param asOf the moment the list is current to: visits saved before it are counted
	 * @param since when the window began
	 */
	record Page<T>(List<Connection.Edge<T>> edges, Connection.PageInfo pageInfo, int totalCount, int days,
			OffsetDateTime asOf, OffsetDateTime since) {

		static <T> Page<T> of(Connection<T> connection, VisitWindow window, OffsetDateTime asOf) {
			return new Page<>(connection.edges(), connection.pageInfo(), connection.totalCount(), window.days(), asOf,
					window.since());
		}

	}

}
