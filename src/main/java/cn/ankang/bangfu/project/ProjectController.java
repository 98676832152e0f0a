package cn.ankang.bangfu.project;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.dataloader.DataLoader;
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
import cn.ankang.bangfu.shared.relay.ChildPages;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.NodeLoader;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.unit.AssistanceUnit;
import cn.ankang.bangfu.unit.UnitService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of projects.
 */
@Controller
class ProjectController {

	private final ProjectService projects;

	private final GeoService geo;

	private final UnitService units;

	private final ProjectPipeline pipeline;

	private final ProjectFunds funds;

	private final ProjectBeneficiaries beneficiaries;

	private final HouseholdService households;

	private final History history;

	ProjectController(ProjectService projects, GeoService geo, UnitService units, ProjectPipeline pipeline,
			ProjectFunds funds, ProjectBeneficiaries beneficiaries, HouseholdService households, History history,
			BatchLoaderRegistry registry) {
		this.projects = projects;
		this.geo = geo;
		this.units = units;
		this.pipeline = pipeline;
		this.funds = funds;
		this.beneficiaries = beneficiaries;
		this.households = households;
		this.history = history;
		Batching.register(registry, "villageProjects", projects::projectsOfVillages, ChildPages.Request::empty);
		Batching.register(registry, "unitProjects", projects::projectsOfUnits, ChildPages.Request::empty);
		Batching.<ProjectService.TotalsArguments, ProjectTotals>register(registry, "countyProjectTotals",
				projects::totalsOfCounties, (arguments) -> ProjectTotals.NONE);
	}

	@MutationMapping
	ProjectPayload createProject(@Argument ProjectPipeline.CreateInput input, GraphQLContext context) {
		return ProjectPayload.of(this.pipeline.create(input), context);
	}

	@MutationMapping
	ProjectPayload advanceProject(@Argument ProjectPipeline.AdvanceInput input, GraphQLContext context) {
		return ProjectPayload.of(this.pipeline.advance(input), context);
	}

	@MutationMapping
	ProjectPayload allocateProjectFunds(@Argument ProjectFunds.AllocateInput input, GraphQLContext context) {
		return ProjectPayload.of(this.funds.allocate(input), context);
	}

	@MutationMapping
	ProjectPayload linkProjectBeneficiaries(@Argument ProjectBeneficiaries.BeneficiariesInput input,
			GraphQLContext context) {
		return ProjectPayload.of(this.beneficiaries.linkBeneficiaries(input), context);
	}

	@MutationMapping
	SpendingPayload recordProjectSpending(@Argument ProjectFunds.SpendInput input, GraphQLContext context) {
		Outcome<ProjectSpending> outcome = this.funds.spend(input).audit(context, ProjectSpending::id);
		return new SpendingPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	AssetPayload recordProjectAsset(@Argument ProjectPipeline.AssetInput input, GraphQLContext context) {
		Outcome<ProjectAsset> outcome = this.pipeline.recordAsset(input).audit(context, ProjectAsset::id);
		return new AssetPayload(outcome.value(), outcome.userErrors());
	}

	@BatchMapping(typeName = "Project")
	Map<Project, List<ProjectStep>> steps(List<Project> projects) {
		Map<Long, List<ProjectStep>> byProject = this.projects.stepsOf(keys(projects));
		return Batching.mapEach(projects, (project) -> byProject.getOrDefault(project.key(), List.of()));
	}

	@BatchMapping(typeName = "Project")
	Map<Project, List<ProjectSpending>> spending(List<Project> projects) {
		Map<Long, List<ProjectSpending>> byProject = this.projects.spendingOf(keys(projects));
		return Batching.mapEach(projects, (project) -> byProject.getOrDefault(project.key(), List.of()));
	}

	@BatchMapping(typeName = "Project")
	Map<Project, List<ProjectAsset>> assets(List<Project> projects) {
		Map<Long, List<ProjectAsset>> byProject = this.projects.assetsOf(keys(projects));
		return Batching.mapEach(projects, (project) -> byProject.getOrDefault(project.key(), List.of()));
	}

	@BatchMapping(typeName = "Project")
	Map<Project, List<Household>> beneficiaries(List<Project> projects) {
		Map<Long, List<Long>> byProject = this.projects.beneficiariesOf(keys(projects));
		Map<Long, Household> visible = this.households
			.householdsByKeys(byProject.values().stream().flatMap(List::stream).distinct().toList());
		return Batching.mapEach(projects,
				(project) -> byProject.getOrDefault(project.key(), List.of())
					.stream()
					.map(visible::get)
					.filter(Objects::nonNull)
					.toList());
	}

	@BatchMapping(typeName = "Project")
	Map<Project, List<RecordChange>> history(List<Project> projects) {
		return this.history.ofEach(RecordChange.Subject.PROJECT, projects, Project::key);
	}

	private static List<Long> keys(List<Project> projects) {
		return projects.stream().map(Project::key).toList();
	}

	record ProjectPayload(@Nullable Project project, List<UserError> userErrors) {

		static ProjectPayload of(Outcome<Project> outcome, GraphQLContext context) {
			outcome.audit(context, Project::id);
			return new ProjectPayload(outcome.value(), outcome.userErrors());
		}

	}

	record SpendingPayload(@Nullable ProjectSpending spending, List<UserError> userErrors) {
	}

	record AssetPayload(@Nullable ProjectAsset asset, List<UserError> userErrors) {
	}

	@QueryMapping
	Connection<Project> projects(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable ProjectFilter filter, DataFetchingFieldSelectionSet selection) {
		return this.projects.projects((filter != null) ? filter : ProjectFilter.NONE, PageRequest.of(first, after),
				selection.contains("totalCount"));
	}

	@BatchMapping(typeName = "Project")
	Map<Project, County> county(List<Project> projects) {
		Map<Long, County> byKey = this.geo.countiesByKeys(projects.stream().map(Project::countyKey).toList());
		return Batching.mapEach(projects, (project) -> byKey.get(project.countyKey()));
	}

	@BatchMapping(typeName = "Project")
	Map<Project, @Nullable Town> town(List<Project> projects) {
		Map<Long, Town> byKey = this.geo
			.townsByKeys(projects.stream().map(Project::townKey).filter(Objects::nonNull).toList());
		return Batching.mapEach(projects,
				(project) -> (project.townKey() != null) ? byKey.get(project.townKey()) : null);
	}

	@BatchMapping(typeName = "Project")
	Map<Project, @Nullable Village> village(List<Project> projects) {
		Map<Long, Village> byKey = this.geo
			.villagesByKeys(projects.stream().map(Project::villageKey).filter(Objects::nonNull).toList());
		return Batching.mapEach(projects,
				(project) -> (project.villageKey() != null) ? byKey.get(project.villageKey()) : null);
	}

	@BatchMapping(typeName = "Project")
	Map<Project, @Nullable AssistanceUnit> implementingUnit(List<Project> projects) {
		Map<Long, AssistanceUnit> byKey = this.units
			.unitsByKeys(projects.stream().map(Project::implementingUnitKey).filter(Objects::nonNull).toList());
		return Batching.mapEach(projects,
				(project) -> (project.implementingUnitKey() != null) ? byKey.get(project.implementingUnitKey()) : null);
	}

	@BatchMapping(typeName = "Project")
	Map<Project, List<FundAllocation>> fundAllocations(List<Project> projects) {
		Map<Long, List<FundAllocation>> byProject = this.projects
			.allocationsOf(projects.stream().map(Project::key).toList());
		return Batching.mapEach(projects, (project) -> byProject.getOrDefault(project.key(), List.of()));
	}

	@SchemaMapping(typeName = "County")
	CompletableFuture<ProjectTotals> projectTotals(County county, @Argument @Nullable Integer year,
			@Argument FundAllocation.@Nullable Source fundSource,
			DataLoader<Batching.Key<ProjectService.TotalsArguments>, ProjectTotals> countyProjectTotals) {
		return countyProjectTotals
			.load(new Batching.Key<>(county.key(), new ProjectService.TotalsArguments(year, fundSource)));
	}

	/**
	 * Lets {@code node(id)} find projects.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Nodes {

		@Bean
		NodeLoader projectNodes(ProjectService projects) {
			return NodeLoader.numeric("Project", projects::projectsByKeys);
		}

		@Bean
		NodeLoader projectSpendingNodes(ProjectService projects) {
			return NodeLoader.numeric("ProjectSpending", projects::spendingByKeys);
		}

		@Bean
		NodeLoader projectAssetNodes(ProjectService projects) {
			return NodeLoader.numeric("ProjectAsset", projects::assetsByKeys);
		}

	}

	/**
	 * A village's and a unit's projects, a page per parent ({@link ChildPages#field}).
	 */
	@Bean
	static RuntimeWiringConfigurer projectsOfParents() {
		return (wiring) -> wiring
			.type("Village", (type) -> type.dataFetcher("projects", ChildPages.field("villageProjects", Village::key)))
			.type("AssistanceUnit",
					(type) -> type.dataFetcher("projects", ChildPages.field("unitProjects", AssistanceUnit::key)));
	}

}
