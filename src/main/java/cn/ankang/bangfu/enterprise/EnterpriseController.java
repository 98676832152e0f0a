package cn.ankang.bangfu.enterprise;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.County;
import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Town;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.history.History;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.RecordChange;
import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.household.HouseholdService;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.NodeLoader;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of the bodies that drive households and their years.
 */
@Controller
class EnterpriseController {

	private final EnterpriseService enterprises;

	private final EnterpriseRecords records;

	private final GeoService geo;

	private final HouseholdService households;

	private final History history;

	EnterpriseController(EnterpriseService enterprises, EnterpriseRecords records, GeoService geo,
			HouseholdService households, History history) {
		this.enterprises = enterprises;
		this.records = records;
		this.geo = geo;
		this.households = households;
		this.history = history;
	}

	@QueryMapping
	Connection<Enterprise> enterprises(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable EnterpriseFilter filter, DataFetchingFieldSelectionSet selection) {
		return this.enterprises.enterprises((filter != null) ? filter : EnterpriseFilter.NONE,
				PageRequest.of(first, after), selection.contains("totalCount"));
	}

	@QueryMapping
	Connection<EnterpriseYear> enterpriseYears(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable EnterpriseFilter filter, DataFetchingFieldSelectionSet selection) {
		return this.enterprises.years((filter != null) ? filter : EnterpriseFilter.NONE, PageRequest.of(first, after),
				selection.contains("totalCount"));
	}

	@MutationMapping
	EnterprisePayload registerEnterprise(@Argument EnterpriseRecords.RegisterInput input, GraphQLContext context) {
		return EnterprisePayload.of(this.records.register(input), context);
	}

	@MutationMapping
	EnterprisePayload closeEnterprise(@Argument EnterpriseRecords.CloseInput input, GraphQLContext context) {
		return EnterprisePayload.of(this.records.close(input), context);
	}

	@MutationMapping
	EnterpriseYearPayload recordEnterpriseYear(@Argument EnterpriseRecords.YearInput input, GraphQLContext context) {
		Outcome<EnterpriseYear> outcome = this.records.recordYear(input).audit(context, EnterpriseYear::id);
		return new EnterpriseYearPayload(outcome.value(), outcome.userErrors());
	}

	@BatchMapping(typeName = "Enterprise")
	Map<Enterprise, County> county(List<Enterprise> enterprises) {
		Map<Long, County> byKey = this.geo.countiesByKeys(enterprises.stream().map(Enterprise::countyKey).toList());
		return Batching.mapEach(enterprises, (enterprise) -> byKey.get(enterprise.countyKey()));
	}

	@BatchMapping(typeName = "Enterprise")
	Map<Enterprise, @Nullable Town> town(List<Enterprise> enterprises) {
		Map<Long, Town> byKey = this.geo
			.townsByKeys(enterprises.stream().map(Enterprise::townKey).filter(Objects::nonNull).toList());
		return Batching.mapEach(enterprises,
				(enterprise) -> (enterprise.townKey() != null) ? byKey.get(enterprise.townKey()) : null);
	}

	@BatchMapping(typeName = "Enterprise")
	Map<Enterprise, @Nullable Village> village(List<Enterprise> enterprises) {
		Map<Long, Village> byKey = this.geo
			.villagesByKeys(enterprises.stream().map(Enterprise::villageKey).filter(Objects::nonNull).toList());
		return Batching.mapEach(enterprises,
				(enterprise) -> (enterprise.villageKey() != null) ? byKey.get(enterprise.villageKey()) : null);
	}

	@BatchMapping(typeName = "Enterprise")
	Map<Enterprise, List<EnterpriseYear>> years(List<Enterprise> enterprises) {
		Map<Long, List<EnterpriseYear>> byEnterprise = this.enterprises
			.yearsOf(enterprises.stream().map(Enterprise::key).toList());
		return Batching.mapEach(enterprises, (enterprise) -> byEnterprise.getOrDefault(enterprise.key(), List.of()));
	}

	@BatchMapping(typeName = "Enterprise")
	Map<Enterprise, List<RecordChange>> history(List<Enterprise> enterprises) {
		return this.history.ofEach(RecordChange.Subject.ENTERPRISE, enterprises, Enterprise::key);
	}

	@BatchMapping(typeName = "EnterpriseYear")
	Map<EnterpriseYear, @Nullable Enterprise> enterprise(List<EnterpriseYear> years) {
		Map<Long, Enterprise> byKey = this.enterprises
			.enterprisesByKeys(years.stream().map(EnterpriseYear::enterpriseKey).distinct().toList());
		return Batching.mapEach(years, (year) -> byKey.get(year.enterpriseKey()));
	}

	@BatchMapping(typeName = "EnterpriseYear")
	Map<EnterpriseYear, List<Household>> employedHouseholds(List<EnterpriseYear> years) {
		Map<Long, List<Long>> byYear = this.enterprises
			.employedHouseholdsOf(years.stream().map(EnterpriseYear::key).toList());
		Map<Long, Household> visible = this.households
			.householdsByKeys(byYear.values().stream().flatMap(List::stream).distinct().toList());
		return Batching.mapEach(years,
				(year) -> byYear.getOrDefault(year.key(), List.of())
					.stream()
					.map(visible::get)
					.filter(Objects::nonNull)
					.toList());
	}

	record EnterprisePayload(@Nullable Enterprise enterprise, List<UserError> userErrors) {

		static EnterprisePayload of(Outcome<Enterprise> outcome, GraphQLContext context) {
			outcome.audit(context, Enterprise::id);
			return new EnterprisePayload(outcome.value(), outcome.userErrors());
		}

	}

	record EnterpriseYearPayload(@Nullable EnterpriseYear year, List<UserError> userErrors) {
	}

	/**
	 * Lets {@code node(id)} find bodies and their years.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Nodes {

		@Bean
		NodeLoader enterpriseNodes(EnterpriseService enterprises) {
			return NodeLoader.numeric(Enterprise.TYPE, enterprises::enterprisesByKeys);
		}

		@Bean
		NodeLoader enterpriseYearNodes(EnterpriseService enterprises) {
			return NodeLoader.numeric(EnterpriseYear.TYPE, enterprises::yearsByKeys);
		}

	}

}
