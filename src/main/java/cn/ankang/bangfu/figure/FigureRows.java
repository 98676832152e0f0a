package cn.ankang.bangfu.figure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rows of each figure: the group's keys (empty for the total), the counts and sums
 * the SQL computes (by component name), and the rates derived from them.
 */
final class FigureRows {

	private FigureRows() {
	}

	static @Nullable Double share(Number part, Number whole) {
		double of = whole.doubleValue();
		return (of == 0) ? null : part.doubleValue() / of;
	}

	record MonitoringRow(List<FigureKey> keys, long households, long people, long newHouseholds, long newPeople,
			long eliminatedHouseholds, long eliminatedPeople) {

		public @Nullable Double eliminationRateByPeople() {
			return share(this.eliminatedPeople, this.people);
		}

		public @Nullable Double eliminationRateByHouseholds() {
			return share(this.eliminatedHouseholds, this.households);
		}

	}

	record MeasureRow(List<FigureKey> keys, long measures, long newMeasures, long households) {
	}

	record FundRow(List<FigureKey> keys, BigDecimal allocated, BigDecimal spent, long projects,
			BigDecimal keyCountyAllocated) {

		public @Nullable Double spendingRate() {
			return share(this.spent, this.allocated);
		}

		public @Nullable Double keyCountyShare() {
			return share(this.keyCountyAllocated, this.allocated);
		}

	}

	record ProjectRow(List<FigureKey> keys, long projects, BigDecimal planned, BigDecimal spent,
			long beneficiaryHouseholds) {
	}

	/**
	 * @param enterprises bodies with their year recorded
	 * @param communityFactories of them, community factories
	 * @param drivingEnterprises of them, bodies other than community factories that
	 * linked people out of poverty (企业、合作社等带动)
	 */
	record EnterpriseRow(List<FigureKey> keys, long enterprises, long communityFactories, long drivingEnterprises,
			long linkedHouseholds, long linkedPeople, long workers, long workersOutOfPoverty,
			long workersFromMonitoredHouseholds) {
	}

	record CadreRow(List<FigureKey> keys, long firstSecretaries, long teamLeaders, long teamMembers, long villages) {
	}

	record AssistanceUnitRow(List<FigureKey> keys, long units, long pairings, long villages,
			BigDecimal designatedFunds) {
	}

	/**
	 * @param flagged visits flagged for review; null in rows per cadre, which would rank
	 * cadres by flags, as the rules against formalism forbid
	 */
	record VisitRow(List<FigureKey> keys, long visits, long households, long cadres, @Nullable Long flagged) {

		VisitRow withoutFlags() {
			return new VisitRow(this.keys, this.visits, this.households, this.cadres, null);
		}

	}

	/**
	 * Supervision rounds of the period with what they covered, and their problems.
	 */
	record SupervisionRow(List<FigureKey> keys, long rounds, long counties, long zones, long towns, long villages,
			long departments, long problemsFound, long problemsRectified, long problemsOpen, long problemsOverdue) {
	}

	record VisitCoverageRow(List<FigureKey> keys, long monitoredHouseholds, long visitedHouseholds,
			long unvisitedHouseholds, long unvisitedVillages) {

		public @Nullable Double coverage() {
			return share(this.visitedHouseholds, this.monitoredHouseholds);
		}

	}

	/**
	 * The three guarantees and safe drinking water of one group (or of all): households
	 * visited in the period, and of them those whose last visit that checked each found
	 * it secure.
	 */
	record GuaranteeRow(List<FigureKey> keys, long households, long schoolingChecked, long schoolingSecure,
			long medicalCareChecked, long medicalCareSecure, long housingChecked, long housingSafe,
			long drinkingWaterChecked, long drinkingWaterSafe) {

		public @Nullable Double schoolingSecureShare() {
			return share(this.schoolingSecure, this.schoolingChecked);
		}

		public @Nullable Double medicalCareSecureShare() {
			return share(this.medicalCareSecure, this.medicalCareChecked);
		}

		public @Nullable Double housingSafeShare() {
			return share(this.housingSafe, this.housingChecked);
		}

		public @Nullable Double drinkingWaterSafeShare() {
			return share(this.drinkingWaterSafe, this.drinkingWaterChecked);
		}

	}

	/**
	 * Villages' own records of one group (or of all).
	 *
	 * @param villagesWithIncomeOver100k villages whose collective income of the year was
	 * 100,000 yuan or more
	 */
	record VillageRow(List<FigureKey> keys, long villages, long communities, long relocationCommunities,
			long householdsMoved, long peopleMoved, long villagesWithLegalAdviser, long villagesWithPlanCompiled,
			long villagesWithIncomeRecorded, BigDecimal collectiveIncome, BigDecimal averageCollectiveIncome,
			long villagesWithIncomeOver100k) {

		public @Nullable Double legalAdviserCoverage() {
			return share(this.villagesWithLegalAdviser, this.villages);
		}

	}

	/**
	 * The out-of-poverty population of a group: its household-years, with the incomes
	 * weighted by people ({@code incomeFen}: each household's per-capita net income times
	 * its people) and the same households' incomes of the year before.
	 */
	record PopulationRow(List<FigureKey> keys, long households, long people, long peopleInWork, long incomeFen,
			long previousPeople, long previousIncomeFen, long householdsBelowThreshold, long householdsIncomeFell,
			long relocatedHouseholds) {

		/** Per-capita net income weighted by people, in yuan; null without people. */
		public @Nullable BigDecimal averageNetIncome() {
			return average(this.incomeFen, this.people);
		}

		/**
		 * The same households' average the year before, in yuan; null without records of
		 * it.
		 */
		public @Nullable BigDecimal previousAverageNetIncome() {
			return average(this.previousIncomeFen, this.previousPeople);
		}

		/**
		 * The growth of the average on the year before, e.g. 0.141; null without both.
		 */
		public @Nullable Double averageNetIncomeGrowth() {
			if (this.people == 0 || this.previousPeople == 0 || this.previousIncomeFen == 0) {
				return null;
			}
			return ((double) this.incomeFen / this.people) / ((double) this.previousIncomeFen / this.previousPeople)
					- 1;
		}

		private static @Nullable BigDecimal average(long fen, long people) {
			return (people == 0) ? null
					: BigDecimal.valueOf(fen).divide(BigDecimal.valueOf(people * 100L), 2, RoundingMode.HALF_UP);
		}

	}

	/** People out of poverty in work, by where and how. */
	record EmploymentRow(List<FigureKey> keys, long peopleInWork, long households) {
	}

	/**
	 * Microcredit to people out of poverty: issued by the period's end (cumulative) and
	 * in it, and what was owed and overdue on its last day.
	 */
	record MicrocreditRow(List<FigureKey> keys, long loans, BigDecimal issued, long loansInPeriod,
			BigDecimal issuedInPeriod, long outstandingLoans, BigDecimal outstandingBalance, long overdueLoans,
			BigDecimal overdueBalance) {
	}

	/**
	 * Training of people out of poverty: people trained (a household's people in a
	 * programme, once a year), 雨露计划 students and the subsidies.
	 */
	record TrainingRow(List<FigureKey> keys, long peopleTrained, long households, long yuluPlanStudents,
			BigDecimal yuluPlanSubsidy, BigDecimal subsidy) {
	}

	/**
	 * Public-welfare jobs held at any time in the period, a person each, and the
	 * households holding them.
	 */
	record PublicWelfareJobRow(List<FigureKey> keys, long jobs, long households, long jobsTakenUp, long jobsHeldAtEnd) {
	}

	/**
	 * Registered households moved to relocation communities, with their people in work
	 * and support in the period's years.
	 */
	record RelocationRow(List<FigureKey> keys, long communities, long households, long people, long peopleInWork,
			long householdsSupported, BigDecimal supportAmount) {
	}

}
