package cn.ankang.bangfu.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.household.AssistanceMeasure;
import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.household.HouseholdService;
import cn.ankang.bangfu.security.audit.AuditTrail;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.errors.Messages;
import cn.ankang.bangfu.shared.values.Money;
import cn.ankang.bangfu.shared.relay.NodeLoader;
import cn.ankang.bangfu.shared.relay.Nodes;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of {@code schema/monitoring.graphqls}.
 */
@Controller
class MonitoringController {

	private final CaseService cases;

	private final CaseReads caseReads;

	private final TaskService tasks;

	private final WarningService warnings;

	private final HouseholdService households;

	private final GeoService geo;

	private final Nodes nodes;

	private final Messages messages;

	private final Inclusions inclusions;

	MonitoringController(CaseService cases, CaseReads caseReads, TaskService tasks, WarningService warnings,
			HouseholdService households, GeoService geo, Nodes nodes, Messages messages, Inclusions inclusions) {
		this.inclusions = inclusions;
		this.cases = cases;
		this.caseReads = caseReads;
		this.tasks = tasks;
		this.warnings = warnings;
		this.households = households;
		this.geo = geo;
		this.nodes = nodes;
		this.messages = messages;
	}

	// Queries
	// -----------------------------------------------------------------------------------------------

	@QueryMapping
	Connection<Task> myTasks(@Argument @Nullable Integer first, @Argument @Nullable String after,
			DataFetchingFieldSelectionSet selection) {
		return this.tasks.myTasks(PageRequest.of(first, after), selection.contains("totalCount"));
	}

	@QueryMapping
	Connection<Task> tasks(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable TaskFilter filter, DataFetchingFieldSelectionSet selection) {
		return this.tasks.tasks((filter != null) ? filter : TaskFilter.NONE, PageRequest.of(first, after),
				selection.contains("totalCount"));
	}

	@QueryMapping
	Connection<RiskWarning> riskWarnings(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument RiskWarning.@Nullable Status status, DataFetchingFieldSelectionSet selection) {
		return this.warnings.warnings(status, PageRequest.of(first, after), selection.contains("totalCount"));
	}

	// Mutations
	// ---------------------------------------------------------------------------------------------

	@MutationMapping
	WarningService.ImportPayload importRiskWarnings(@Argument ImportInput input) {
		List<WarningService.Row> rows = new ArrayList<>();
		for (int i = 0; i < input.warnings().size(); i++) {
			WarningInput w = input.warnings().get(i);
			rows.add(new WarningService.Row(i + 1, w.idNumber(), w.personName(), w.kind(), w.source(), w.occurredOn(),
					w.amount(), w.detail(), w.villageCode(), w.townCode()));
		}
		return this.warnings.importWarnings(rows, List.of());
	}

	@MutationMapping
	WarningService.ResolvePayload resolveWarning(@Argument WarningService.ResolveInput input, GraphQLContext context) {
		WarningService.ResolvePayload payload = this.warnings.resolve(input);
		if (payload.userErrors().isEmpty() && payload.warning() != null) {
			AuditTrail.of(context).target(payload.warning().id());
		}
		return payload;
	}

	@MutationMapping
	CaseService.Payload includeHouseholdInMonitoring(@Argument Inclusions.IncludeInput input, GraphQLContext context) {
		Outcome<MonitoringCase> outcome = this.inclusions.include(input)
			.audit(context, MonitoringCase::id)
			.audit(context, (opened) -> GlobalId.of(Household.TYPE, opened.householdKey()));
		return new CaseService.Payload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	CaseService.Payload openMonitoringCase(@Argument CaseService.OpenInput input, GraphQLContext context) {
		return audited(this.cases.open(input), context);
	}

	@MutationMapping
	CaseService.Payload recordCaseStep(@Argument CaseService.StepInput input, GraphQLContext context) {
		return audited(this.cases.step(input), context);
	}

	@MutationMapping
	TaskService.CompletePayload completeTask(@Argument TaskService.CompleteInput input, GraphQLContext context) {
		TaskService.CompletePayload payload = this.tasks.complete(input);
		if (payload.userErrors().isEmpty() && payload.task() != null) {
			AuditTrail.of(context).target(payload.task().id());
		}
		return payload;
	}

	private static CaseService.Payload audited(CaseService.Payload payload, GraphQLContext context) {
		if (payload.userErrors().isEmpty() && payload.monitoringCase() != null) {
			AuditTrail.of(context).target(payload.monitoringCase().id());
		}
		return payload;
	}

	@SchemaMapping(typeName = "ImportRowError")
	String message(WarningService.RowError error, GraphQLContext context) {
		Locale locale = context.getOrDefault(Messages.LOCALE, Locale.CHINESE);
		return this.messages.localize(locale, error.code(), List.of(error.column()), error.message());
	}

	// Cases
	// -------------------------------------------------------------------------------------------------

	@BatchMapping(typeName = "Household")
	Map<Household, List<MonitoringCase>> monitoringCases(List<Household> households, GraphQLContext context) {
		Map<Long, List<MonitoringCase>> byHousehold = this.caseReads
			.casesOfHouseholds(households.stream().filter(Household::personalDataVisible).map(Household::key).toList());
		AuditTrail trail = AuditTrail.of(context);
		byHousehold.keySet().forEach((key) -> trail.personalRead(GlobalId.of(Household.TYPE, key)));
		return Batching.mapEach(households, (household) -> byHousehold.getOrDefault(household.key(), List.of()));
	}

	@BatchMapping(typeName = "MonitoringCase", field = "household")
	Map<MonitoringCase, Household> caseHousehold(List<MonitoringCase> cases) {
		Map<Long, Household> byKey = this.households
			.householdsByKeys(cases.stream().map(MonitoringCase::householdKey).distinct().toList());
		return Batching.mapEach(cases, (c) -> byKey.get(c.householdKey()));
	}

	@BatchMapping(typeName = "MonitoringCase")
	Map<MonitoringCase, List<CaseStep>> steps(List<MonitoringCase> cases) {
		Map<Long, List<CaseStep>> byCase = this.caseReads.stepsOf(responsibleKeys(cases));
		return Batching.mapEach(cases, (c) -> byCase.getOrDefault(c.key(), List.of()));
	}

	@BatchMapping(typeName = "MonitoringCase")
	Map<MonitoringCase, List<Task>> openTasks(List<MonitoringCase> cases) {
		Map<Long, List<Task>> byCase = this.caseReads.openTasksOf(cases.stream().map(MonitoringCase::key).toList());
		return Batching.mapEach(cases, (c) -> byCase.getOrDefault(c.key(), List.of()));
	}

	@BatchMapping(typeName = "MonitoringCase")
	Map<MonitoringCase, List<RiskWarning>> warnings(List<MonitoringCase> cases) {
		Map<Long, List<RiskWarning>> byCase = this.caseReads.warningsOf(responsibleKeys(cases));
		return Batching.mapEach(cases, (c) -> byCase.getOrDefault(c.key(), List.of()));
	}

	private static List<Long> responsibleKeys(List<MonitoringCase> cases) {
		return cases.stream().filter(MonitoringCase::responsible).map(MonitoringCase::key).toList();
	}

	@BatchMapping(typeName = "CaseStep")
	Map<CaseStep, List<Object>> visits(List<CaseStep> steps) {
		List<GlobalId> ids = steps.stream()
			.flatMap((step) -> step.visitIds().stream())
			.distinct()
			.map((uuid) -> new GlobalId("Visit", uuid.toString()))
			.toList();
		List<@Nullable Object> loaded = ids.isEmpty() ? List.of() : this.nodes.load(ids);
		Map<String, Object> byKey = new java.util.HashMap<>();
		for (int i = 0; i < ids.size(); i++) {
			if (loaded.get(i) != null) {
				byKey.put(ids.get(i).key(), loaded.get(i));
			}
		}
		return Batching.mapEach(steps,
				(step) -> step.visitIds()
					.stream()
					.map((uuid) -> byKey.get(uuid.toString()))
					.filter(Objects::nonNull)
					.toList());
	}

	// Tasks
	// -------------------------------------------------------------------------------------------------

	@BatchMapping(typeName = "Task")
	Map<Task, @Nullable MonitoringCase> monitoringCase(List<Task> tasks) {
		Map<Long, MonitoringCase> byKey = this.caseReads.casesByKeys(keys(tasks, Task::caseKey));
		return Batching.mapEach(tasks, (task) -> (task.caseKey() != null) ? byKey.get(task.caseKey()) : null);
	}

	@BatchMapping(typeName = "Task")
	Map<Task, @Nullable AssistanceMeasure> measure(List<Task> tasks) {
		List<Long> keys = keys(tasks, Task::measureKey);
		Map<Long, AssistanceMeasure> byKey = keys.isEmpty() ? Map.of() : this.households.measuresByKeys(keys);
		return Batching.mapEach(tasks, (task) -> (task.measureKey() != null) ? byKey.get(task.measureKey()) : null);
	}

	@BatchMapping(typeName = "Task", field = "household")
	Map<Task, @Nullable Household> taskHousehold(List<Task> tasks) {
		Map<Long, Household> byKey = this.households.householdsByKeys(keys(tasks, Task::householdKey));
		return Batching.mapEach(tasks, (task) -> (task.householdKey() != null) ? byKey.get(task.householdKey()) : null);
	}

	@BatchMapping(typeName = "Task")
	Map<Task, @Nullable RiskWarning> warning(List<Task> tasks) {
		Map<Long, RiskWarning> byKey = this.warnings.warningsByKeys(keys(tasks, Task::warningKey));
		return Batching.mapEach(tasks, (task) -> (task.warningKey() != null) ? byKey.get(task.warningKey()) : null);
	}

	@BatchMapping(typeName = "Task")
	Map<Task, @Nullable Village> village(List<Task> tasks) {
		Map<Long, Village> byKey = this.geo.villagesByKeys(keys(tasks, Task::villageKey));
		return Batching.mapEach(tasks, (task) -> (task.villageKey() != null) ? byKey.get(task.villageKey()) : null);
	}

	private static <T> List<Long> keys(List<T> items, java.util.function.Function<T, @Nullable Long> key) {
		return items.stream().map(key).filter(Objects::nonNull).distinct().toList();
	}

	// Warnings
	// ----------------------------------------------------------------------------------------------

	@SchemaMapping(typeName = "RiskWarning")
	@Nullable BigDecimal amount(RiskWarning warning) {
		return (warning.amountFen() != null) ? Money.yuan(warning.amountFen()) : null;
	}

	@BatchMapping(typeName = "RiskWarning", field = "household")
	Map<RiskWarning, @Nullable Household> warningHousehold(List<RiskWarning> warnings) {
		Map<Long, Household> byKey = this.households.householdsByKeys(
				warnings.stream().map(RiskWarning::householdKey).filter(Objects::nonNull).distinct().toList());
		return Batching.mapEach(warnings, (w) -> (w.householdKey() != null) ? byKey.get(w.householdKey()) : null);
	}

	record ImportInput(List<WarningInput> warnings) {
	}

	record WarningInput(String idNumber, String personName, RiskWarning.Kind kind, String source, LocalDate occurredOn,
			@Nullable BigDecimal amount, @Nullable String detail, @Nullable String villageCode,
			@Nullable String townCode) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MonitoringProperties.class)
	static class MonitoringConfiguration {

		@Bean
		NodeLoader monitoringCaseNodes(CaseReads cases) {
			return NodeLoader.numeric(MonitoringCase.TYPE, cases::casesByKeys);
		}

		@Bean
		NodeLoader taskNodes(TaskService tasks) {
			return NodeLoader.numeric(Task.TYPE, tasks::tasksByKeys);
		}

		@Bean
		NodeLoader riskWarningNodes(WarningService warnings) {
			return NodeLoader.numeric(RiskWarning.TYPE, warnings::warningsByKeys);
		}

	}

}
