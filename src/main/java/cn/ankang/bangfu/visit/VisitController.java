package cn.ankang.bangfu.visit;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.cadre.CadreService;
import cn.ankang.bangfu.cadre.ResidentCadre;
import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.household.AssistanceMeasure;
import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.household.HouseholdService;
import cn.ankang.bangfu.photo.PhotoService;
import cn.ankang.bangfu.photo.StoredPhoto;
import cn.ankang.bangfu.security.audit.AuditTrail;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.relay.ChildPages;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.errors.ErrorCode;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.relay.NodeLoader;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of visits.
 */
@Controller
class VisitController {

	private final VisitService visits;

	private final CadreService cadres;

	private final GeoService geo;

	private final HouseholdService households;

	private final VisitSyncService sync;

	private final PhotoService photos;

	private final VisitEffects effects;

	VisitController(VisitService visits, CadreService cadres, GeoService geo, HouseholdService households,
			VisitSyncService sync, PhotoService photos, VisitEffects effects, BatchLoaderRegistry registry) {
		this.effects = effects;
		this.sync = sync;
		this.photos = photos;
		this.visits = visits;
		this.cadres = cadres;
		this.geo = geo;
		this.households = households;
		Batching.register(registry, "householdVisits", visits::visitsOfHouseholds, ChildPages.Request::empty);
		Batching.register(registry, "cadreVisits", visits::visitsOfCadres, ChildPages.Request::empty);
	}

	@QueryMapping
	Connection<Visit> visits(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable VisitFilter filter, DataFetchingFieldSelectionSet selection) {
		return this.visits.visits((filter != null) ? filter : VisitFilter.NONE, PageRequest.of(first, after),
				selection.contains("totalCount"));
	}

	@MutationMapping
	VisitWriting.LogVisitPayload logVisit(@Argument VisitWriting.LogVisitInput input, GraphQLContext context,
			DataFetchingFieldSelectionSet selection) {
		VisitWriting.Outcome outcome = this.sync.log(input, selection.contains("visit"));
		audit(outcome, context);
		return VisitWriting.LogVisitPayload.of(outcome);
	}

	@MutationMapping
	VisitWriting.SyncVisitsPayload syncVisits(@Argument VisitWriting.SyncVisitsInput input, GraphQLContext context,
			DataFetchingFieldSelectionSet selection) {
		// phones ask for receipts; the stored visits are read back only for a client
		// that asks for them
		List<VisitWriting.Outcome> outcomes = this.sync.sync(input.visits(), input.deviceTime(),
				selection.contains("results/visit"));
		outcomes.forEach((outcome) -> audit(outcome, context));
		return new VisitWriting.SyncVisitsPayload(outcomes);
	}

	private static void audit(VisitWriting.Outcome outcome, GraphQLContext context) {
		if (outcome.status() == VisitWriting.Status.ACCEPTED) {
			AuditTrail.of(context).target(GlobalId.of(Visit.TYPE, outcome.uuid()));
		}
	}

	@MutationMapping
	VisitWriting.LogVisitPayload amendVisit(@Argument VisitWriting.AmendVisitInput input, GraphQLContext context) {
		VisitWriting.Outcome outcome = this.sync.amend(input);
		audit(outcome, context);
		return VisitWriting.LogVisitPayload.of(outcome);
	}

	@BatchMapping(typeName = "Visit")
	Map<Visit, @Nullable Visit> replacedBy(List<Visit> visits) {
		List<UUID> keys = visits.stream().map(Visit::replacedByKey).filter(Objects::nonNull).toList();
		Map<UUID, Visit> byKey = keys.isEmpty() ? Map.of() : this.visits.visitsByKeys(keys);
		return Batching.mapEach(visits,
				(visit) -> (visit.replacedByKey() != null) ? byKey.get(visit.replacedByKey()) : null);
	}

	@BatchMapping(typeName = "Visit")
	Map<Visit, List<Visit>> versions(List<Visit> visits) {
		Map<UUID, List<Visit>> byChain = this.visits
			.versionsOf(visits.stream().map(Visit::chainKey).distinct().toList());
		return Batching.mapEach(visits, (visit) -> byChain.getOrDefault(visit.chainKey(), List.of()));
	}

	@BatchMapping(typeName = "Visit")
	Map<Visit, List<VisitPhoto>> photos(List<Visit> visits) {
		Map<Long, Map<String, StoredPhoto>> sent = this.photos
			.sentByCadres(visits.stream().flatMap((visit) -> visit.photoHashes().stream()).toList());
		return Batching.mapEach(visits,
				(visit) -> visit.photoHashes()
					.stream()
					.map((hash) -> VisitPhoto.of(hash, sent.getOrDefault(visit.cadreKey(), Map.of()).get(hash)))
					.toList());
	}

	@BatchMapping(typeName = "Visit")
	Map<Visit, ResidentCadre> cadre(List<Visit> visits) {
		Map<Long, ResidentCadre> byKey = this.cadres.cadresByKeys(visits.stream().map(Visit::cadreKey).toList());
		return Batching.mapEach(visits, (visit) -> byKey.get(visit.cadreKey()));
	}

	@BatchMapping(typeName = "Visit")
	Map<Visit, Village> village(List<Visit> visits) {
		Map<Long, Village> byKey = this.geo.villagesByKeys(visits.stream().map(Visit::villageKey).toList());
		return Batching.mapEach(visits, (visit) -> byKey.get(visit.villageKey()));
	}

	@BatchMapping(typeName = "Visit")
	Map<Visit, @Nullable Household> household(List<Visit> visits) {
		Map<Long, Household> byKey = this.households
			.householdsByKeys(visits.stream().map(Visit::householdKey).filter(Objects::nonNull).toList());
		return Batching.mapEach(visits,
				(visit) -> (visit.householdKey() != null) ? byKey.get(visit.householdKey()) : null);
	}

	@QueryMapping
	Connection<VisitEffect> visitEffects(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument VisitEffect.@Nullable Kind kind, @Argument @Nullable Boolean reversed,
			DataFetchingFieldSelectionSet selection) {
		Auth.require();
		return this.effects.page(PageRequest.of(first, after), kind, reversed, selection.contains("totalCount"));
	}

	/** A visit's effects are its first version's: a correction applies no rule again. */
	@BatchMapping(typeName = "Visit")
	Map<Visit, List<VisitEffect>> effects(List<Visit> visits) {
		Map<UUID, List<VisitEffect>> byVisit = this.effects
			.ofVisits(visits.stream().map(Visit::chainKey).distinct().toList());
		return Batching.mapEach(visits, (visit) -> byVisit.getOrDefault(visit.chainKey(), List.of()));
	}

	@BatchMapping(typeName = "VisitEffect", field = "household")
	Map<VisitEffect, @Nullable Household> householdOfEffect(List<VisitEffect> effects) {
		Map<Long, Household> byKey = this.households
			.householdsByKeys(effects.stream().map(VisitEffect::householdKey).distinct().toList());
		return Batching.mapEach(effects, (effect) -> byKey.get(effect.householdKey()));
	}

	@BatchMapping(typeName = "VisitEffect")
	Map<VisitEffect, @Nullable AssistanceMeasure> measure(List<VisitEffect> effects) {
		Map<Long, AssistanceMeasure> byKey = this.households
			.measuresByKeys(effects.stream().map(VisitEffect::measureKey).filter(Objects::nonNull).toList());
		return Batching.mapEach(effects,
				(effect) -> (effect.measureKey() != null) ? byKey.get(effect.measureKey()) : null);
	}

	@BatchMapping(typeName = "VisitEffect", field = "visit")
	Map<VisitEffect, @Nullable Visit> visitOfEffect(List<VisitEffect> effects) {
		Map<UUID, Visit> byKey = this.visits
			.visitsByKeys(effects.stream().map(VisitEffect::visitKey).distinct().toList());
		return Batching.mapEach(effects, (effect) -> byKey.get(effect.visitKey()));
	}

	/**
	 * Lets {@code node(id)} find visits, whose keys are the UUIDs phones generate.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Nodes {

		@Bean
		NodeLoader visitNodes(VisitService visits) {
			return new NodeLoader() {

				@Override
				public String typeName() {
					return Visit.TYPE;
				}

				@Override
				public Map<String, Object> load(Collection<String> keys) {
					Map<UUID, String> byUuid = new HashMap<>();
					for (String key : keys) {
						byUuid.put(uuid(key), key);
					}
					Map<String, Object> result = new HashMap<>();
					visits.visitsByKeys(byUuid.keySet()).forEach((uuid, visit) -> result.put(byUuid.get(uuid), visit));
					return result;
				}

			};
		}

		private static UUID uuid(String key) {
			try {
				return UUID.fromString(key);
			}
			catch (IllegalArgumentException ex) {
				throw new ApiException(ErrorCode.INVALID_ID,
						"'%s' is not a valid id.".formatted(GlobalId.of(Visit.TYPE, key)));
			}
		}

	}

	/**
	 * A household's and a cadre's visits, a page per parent ({@link ChildPages#field}).
	 */
	@Bean
	static RuntimeWiringConfigurer visitsOfParents() {
		return (wiring) -> wiring
			.type("Household",
					(type) -> type.dataFetcher("visits", ChildPages.field("householdVisits", Household::key)))
			.type("ResidentCadre",
					(type) -> type.dataFetcher("visits", ChildPages.field("cadreVisits", ResidentCadre::key)));
	}

}
