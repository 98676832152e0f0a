package cn.ankang.bangfu.population;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.household.HouseholdService;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.relay.NodeLoader;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of {@code schema/population.graphqls}: the out-of-poverty register
 * and its microcredit (the figures are in {@code figure/}).
 */
@Controller
class PopulationController {

	private final PopulationService population;

	private final PopulationRecords records;

	private final GeoService geo;

	private final HouseholdService households;

	PopulationController(PopulationService population, PopulationRecords records, GeoService geo,
			HouseholdService households) {
		this.population = population;
		this.records = records;
		this.geo = geo;
		this.households = households;
	}

	@QueryMapping
	Connection<ExitedHousehold> exitedHouseholds(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument PopulationService.@Nullable ExitedHouseholdFilter filter,
			DataFetchingFieldSelectionSet selection) {
		return this.population.households((filter != null) ? filter : PopulationService.ExitedHouseholdFilter.NONE,
				PageRequest.of(first, after), selection.contains("totalCount"));
	}

	@QueryMapping
	Connection<MicrocreditLoan> microcreditLoans(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument PopulationService.@Nullable MicrocreditLoanFilter filter,
			DataFetchingFieldSelectionSet selection) {
		return this.population.loans((filter != null) ? filter : PopulationService.MicrocreditLoanFilter.NONE,
				PageRequest.of(first, after), selection.contains("totalCount"));
	}

	@MutationMapping
	ExitedHouseholdPayload registerExitedHousehold(@Argument PopulationRecords.RegisterInput input,
			GraphQLContext context) {
		Outcome<ExitedHousehold> outcome = this.records.register(input).audit(context, ExitedHousehold::id);
		return new ExitedHouseholdPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	ExitedHouseholdPayload recordExitedHouseholdYear(@Argument PopulationRecords.RecordYearInput input,
			GraphQLContext context) {
		Outcome<ExitedHousehold> outcome = this.records.recordYear(input).audit(context, ExitedHousehold::id);
		return new ExitedHouseholdPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	MicrocreditLoanPayload issueMicrocreditLoan(@Argument PopulationRecords.IssueLoanInput input,
			GraphQLContext context) {
		Outcome<MicrocreditLoan> outcome = this.records.issueLoan(input).audit(context, MicrocreditLoan::id);
		return new MicrocreditLoanPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	MicrocreditLoanPayload recordMicrocreditRepayment(@Argument PopulationRecords.RecordRepaymentInput input,
			GraphQLContext context) {
		Outcome<MicrocreditLoan> outcome = this.records.recordRepayment(input).audit(context, MicrocreditLoan::id);
		return new MicrocreditLoanPayload(outcome.value(), outcome.userErrors());
	}

	record ExitedHouseholdPayload(@Nullable ExitedHousehold household, List<UserError> userErrors) {
	}

	record MicrocreditLoanPayload(@Nullable MicrocreditLoan loan, List<UserError> userErrors) {
	}

	@BatchMapping(typeName = "ExitedHousehold")
	Map<ExitedHousehold, Village> village(List<ExitedHousehold> households) {
		Map<Long, Village> byKey = this.geo
			.villagesByKeys(households.stream().map(ExitedHousehold::villageKey).distinct().toList());
		return Batching.mapEach(households, (household) -> byKey.get(household.villageKey()));
	}

	@SchemaMapping(typeName = "ExitedHousehold")
	@Nullable String responsibleCadreId(ExitedHousehold household) {
		return (household.responsibleCadreKey() != null) ? GlobalId.of("ResidentCadre", household.responsibleCadreKey())
				: null;
	}

	@BatchMapping(typeName = "ExitedHousehold")
	Map<ExitedHousehold, @Nullable Household> monitoredHousehold(List<ExitedHousehold> households) {
		List<Long> keys = households.stream().map(ExitedHousehold::householdKey).filter(Objects::nonNull).toList();
		Map<Long, Household> byKey = keys.isEmpty() ? Map.of() : this.households.householdsByKeys(keys);
		return Batching.mapEach(households,
				(household) -> (household.householdKey() != null) ? byKey.get(household.householdKey()) : null);
	}

	@BatchMapping(typeName = "ExitedHousehold")
	Map<ExitedHousehold, List<HouseholdYear>> years(List<ExitedHousehold> households) {
		Map<Long, List<HouseholdYear>> byKey = this.population
			.yearsOf(households.stream().map(ExitedHousehold::key).toList());
		return Batching.mapEach(households, (household) -> byKey.getOrDefault(household.key(), List.of()));
	}

	@BatchMapping(typeName = "ExitedHousehold")
	Map<ExitedHousehold, List<MicrocreditLoan>> loans(List<ExitedHousehold> households) {
		Map<Long, List<MicrocreditLoan>> byKey = this.population
			.loansOf(households.stream().map(ExitedHousehold::key).toList());
		return Batching.mapEach(households, (household) -> byKey.getOrDefault(household.key(), List.of()));
	}

	@BatchMapping(typeName = "ExitedHouseholdYear")
	Map<HouseholdYear, List<Employment>> employment(List<HouseholdYear> years) {
		Map<Long, Map<Integer, List<Employment>>> byKey = this.population
			.employmentOf(years.stream().map(HouseholdYear::householdKey).distinct().toList());
		return Batching.mapEach(years,
				(year) -> byKey.getOrDefault(year.householdKey(), Map.of()).getOrDefault(year.year(), List.of()));
	}

	@BatchMapping(typeName = "MicrocreditLoan")
	Map<MicrocreditLoan, @Nullable ExitedHousehold> household(List<MicrocreditLoan> loans) {
		Map<Long, ExitedHousehold> byKey = this.population
			.householdsByKeys(loans.stream().map(MicrocreditLoan::householdKey).distinct().toList());
		return Batching.mapEach(loans, (loan) -> byKey.get(loan.householdKey()));
	}

	/**
	 * Lets {@code node(id)} find registered households and loans.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Nodes {

		@Bean
		NodeLoader exitedHouseholdNodes(PopulationService population) {
			return NodeLoader.numeric(ExitedHousehold.TYPE, population::householdsByKeys);
		}

		@Bean
		NodeLoader microcreditLoanNodes(PopulationService population) {
			return NodeLoader.numeric(MicrocreditLoan.TYPE,
					(keys) -> population.loansByKeys(keys)
						.stream()
						.collect(java.util.stream.Collectors.toMap(MicrocreditLoan::key, (loan) -> loan)));
		}

	}

}
