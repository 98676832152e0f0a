package cn.ankang.bangfu.figure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.shared.values.ValueUnit;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The annual report's headline figures, each from the records, beside what the city's
 * report published; and the checks of the published shares against the published totals
 * they are said to be the share of. Neither number is ever corrected: both are shown.
 */
@Service
@Transactional(transactionManager = FigureDatabase.TRANSACTION_MANAGER, readOnly = true)
class ReportService {

	private final ReportRepository repository;

	private final Jurisdiction jurisdiction;

	ReportService(ReportRepository repository, Jurisdiction jurisdiction) {
		this.repository = repository;
		this.jurisdiction = jurisdiction;
	}

	/** The headlines and checks of a year's report, as the asker may see them. */
	Comparison compare(AnnualReport report) {
		Scope scope = this.jurisdiction.forQueries();
		Map<ReportFigure, BigDecimal> values = values(report, this.repository.keyAreas(scope, report.year()));
		Map<ReportFigure, ReportRepository.Published> published = this.repository.wholeCity(scope)
			.map((city) -> this.repository.published(city, report.year()))
			.orElse(Map.of());
		List<Headline> headlines = new ArrayList<>();
		List<Check> checks = new ArrayList<>();
		for (ReportFigure figure : ReportFigure.values()) {
			BigDecimal value = values.get(figure);
			ReportRepository.Published printed = published.get(figure);
			Boolean agrees = (value != null && printed != null)
					? rounded(value, printed.roundedTo()).compareTo(rounded(printed.value(), printed.roundedTo())) == 0
					: null;
			headlines.add(new Headline(figure, figure.label(), figure.unit(), figure.unit().symbol(), value, printed,
					agrees));
			if (printed != null && figure.numerator() != null) {
				ReportRepository.Published numerator = published.get(figure.numerator());
				ReportRepository.Published denominator = published.get(figure.denominator());
				if (numerator != null && denominator != null && denominator.value().signum() > 0) {
					checks.add(check(figure, printed, numerator, denominator, value));
				}
			}
		}
		return new Comparison(headlines, checks);
	}

	private static Check check(ReportFigure figure, ReportRepository.Published printed,
			ReportRepository.Published numerator, ReportRepository.Published denominator,
			@Nullable BigDecimal fromRecords) {
		BigDecimal following = numerator.value().divide(denominator.value(), 6, RoundingMode.HALF_UP);
		boolean follows = rounded(following, printed.roundedTo())
			.compareTo(rounded(printed.value(), printed.roundedTo())) == 0;
		String statement = MessageFormat.format(Labels.of("reportCheck", follows ? "FOLLOWS" : "DOES_NOT_FOLLOW"),
				figure.label(), printed.wording(), numerator.figure().label(), numerator.wording(),
				denominator.figure().label(), denominator.wording(), percent(following));
		return new Check(figure, figure.label(), printed, numerator, denominator, following, fromRecords, follows,
				statement);
	}

	private static Map<ReportFigure, BigDecimal> values(AnnualReport r, ReportRepository.KeyAreas areas) {
		Map<ReportFigure, BigDecimal> values = new EnumMap<>(ReportFigure.class);
		put(values, ReportFigure.LEADER_LIAISONS, areas.leaderLiaisons());
		put(values, ReportFigure.ASSISTANCE_UNITS, r.assistanceUnits().units());
		put(values, ReportFigure.FIRST_SECRETARIES, r.cadres().firstSecretaries());
		put(values, ReportFigure.TEAM_MEMBERS, r.cadres().teamMembers());
		values.put(ReportFigure.DESIGNATED_ASSISTANCE_FUNDS, r.designatedAssistanceFunds().allocated());
		put(values, ReportFigure.DESIGNATED_ASSISTANCE_PROJECTS, r.designatedAssistanceFunds().projects());
		put(values, ReportFigure.NATIONAL_KEY_COUNTIES, areas.nationalKeyCounties());
		put(values, ReportFigure.PROVINCIAL_KEY_COUNTIES, areas.provincialKeyCounties());
		put(values, ReportFigure.PROVINCIAL_KEY_TOWNS, areas.keyTowns());
		put(values, ReportFigure.KEY_VILLAGES, areas.keyVillages());
		values.put(ReportFigure.KEY_COUNTY_LINKAGE_FUNDS, r.linkageFundsInKeyCounties().allocated());
		put(values, ReportFigure.KEY_COUNTY_LINKAGE_PROJECTS, r.linkageFundsInKeyCounties().projects());
		values.put(ReportFigure.LINKAGE_FUNDS, r.linkageFunds().allocated());
		put(values, ReportFigure.LINKAGE_PROJECTS, r.linkageFunds().projects());
		values.put(ReportFigure.KEY_TOWN_AND_VILLAGE_LINKAGE_FUNDS, areas.keyTownAndVillageLinkageFunds());
		Double spendingRate = r.centralAndProvincialFunds().spendingRate();
		if (spendingRate != null) {
			values.put(ReportFigure.CENTRAL_AND_PROVINCIAL_SPENDING_RATE, BigDecimal.valueOf(spendingRate));
		}
		put(values, ReportFigure.NEXT_YEAR_PIPELINE_PROJECTS, r.nextYearPipeline().projects());
		values.put(ReportFigure.NEXT_YEAR_PIPELINE_PLANNED, r.nextYearPipeline().planned());
		values.put(ReportFigure.EAST_WEST_COLLABORATION_FUNDS, r.eastWestCollaborationFunds().allocated());
		put(values, ReportFigure.MONITORED_HOUSEHOLDS, r.monitoring().households());
		put(values, ReportFigure.MONITORED_PEOPLE, r.monitoring().people());
		put(values, ReportFigure.NEW_MONITORED_HOUSEHOLDS, r.monitoring().newHouseholds());
		put(values, ReportFigure.NEW_MONITORED_PEOPLE, r.monitoring().newPeople());
		put(values, ReportFigure.ASSISTANCE_MEASURES, r.measures().measures());
		put(values, ReportFigure.ELIMINATED_HOUSEHOLDS, r.monitoring().eliminatedHouseholds());
		put(values, ReportFigure.ELIMINATED_PEOPLE, r.monitoring().eliminatedPeople());
		put(values, ReportFigure.INDUSTRY_PROJECTS, r.industryProjects());
		// the out-of-poverty population's, from its register (脱贫户台账)
		if (r.population().households() > 0) {
			put(values, ReportFigure.PEOPLE_IN_WORK, r.population().peopleInWork());
			values.put(ReportFigure.AVERAGE_NET_INCOME, r.population().averageNetIncome());
			Double growth = r.population().averageNetIncomeGrowth();
			if (growth != null) {
				values.put(ReportFigure.AVERAGE_NET_INCOME_GROWTH, BigDecimal.valueOf(growth));
			}
		}
		if (r.microcredit().loans() > 0) {
			values.put(ReportFigure.MICROCREDIT_ISSUED, r.microcredit().issued());
		}
		put(values, ReportFigure.SUPERVISION_ROUNDS, r.supervision().rounds());
		put(values, ReportFigure.SUPERVISION_PROBLEMS_RECTIFIED, r.supervision().problemsRectified());
		put(values, ReportFigure.VILLAGES_WITH_COLLECTIVE_INCOME_OVER_100K, r.villages().villagesWithIncomeOver100k());
		put(values, ReportFigure.DRIVING_ENTERPRISES, r.drivingEnterprises().enterprises());
		put(values, ReportFigure.PEOPLE_DRIVEN, r.drivingEnterprises().linkedPeople());
		put(values, ReportFigure.COMMUNITY_FACTORIES, r.communityFactories().enterprises());
		put(values, ReportFigure.COMMUNITY_FACTORY_JOBS, r.communityFactories().workers());
		put(values, ReportFigure.VILLAGE_PLANS, r.villages().villagesWithPlanCompiled());
		put(values, ReportFigure.VILLAGE_CONSTRUCTION_PROJECTS, r.villageConstruction().projects());
		put(values, ReportFigure.VILLAGES_WITH_LEGAL_ADVISER, r.villages().villagesWithLegalAdviser());
		// a share is the quotient of the two figures it is said to be the share of
		for (ReportFigure figure : ReportFigure.values()) {
			if (figure.numerator() != null) {
				BigDecimal numerator = values.get(figure.numerator());
				BigDecimal denominator = values.get(figure.denominator());
				if (numerator != null && denominator != null && denominator.signum() > 0) {
					values.put(figure, numerator.divide(denominator, 6, RoundingMode.HALF_UP));
				}
			}
		}
		return values;
	}

	private static void put(Map<ReportFigure, BigDecimal> values, ReportFigure figure, long value) {
		values.put(figure, BigDecimal.valueOf(value));
	}

	/** To the nearest multiple of the step, halves up, as reports round. */
	static BigDecimal rounded(BigDecimal value, BigDecimal step) {
		return value.divide(step, 0, RoundingMode.HALF_UP).multiply(step);
	}

	private static String percent(BigDecimal share) {
		return String.format(Locale.ROOT, "%.1f%%", share.movePointRight(2));
	}

	/** A year's headlines and checks. */
	record Comparison(List<Headline> headlines, List<Check> checks) {
	}

	/**
	 * One headline figure.
	 *
	 * @param figure which
	 * @param name its Chinese name
	 * @param unit its unit
	 * @param unitName the unit as people read it
	 * @param value from the records; null where the records do not hold it
	 * @param published as the city's report published it, when recorded and comparable
	 * @param agreesWithPublished whether the records give the published figure at the
	 * published rounding; null when either is missing
	 */
	record Headline(ReportFigure figure, String name, ValueUnit unit, String unitName, @Nullable BigDecimal value,
			ReportRepository.@Nullable Published published, @Nullable Boolean agreesWithPublished) {
	}

	/**
	 * A published share checked against the published totals it is the share of.
	 *
	 * @param figure the share
	 * @param name its Chinese name
	 * @param published the share as published
	 * @param numerator the published total it divides
	 * @param denominator the published total it divides by
	 * @param followingFromPublishedTotals the numerator's value over the denominator's
	 * @param fromRecords the share from the records, if they hold both totals
	 * @param follows whether the published share is the quotient at its own rounding
	 * @param statement the check in words
	 */
	record Check(ReportFigure figure, String name, ReportRepository.Published published,
			ReportRepository.Published numerator, ReportRepository.Published denominator,
			BigDecimal followingFromPublishedTotals, @Nullable BigDecimal fromRecords, boolean follows,
			String statement) {
	}

}
