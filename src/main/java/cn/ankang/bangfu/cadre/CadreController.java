package cn.ankang.bangfu.cadre;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.history.History;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.RecordChange;
import cn.ankang.bangfu.security.Account;
import cn.ankang.bangfu.security.Viewer;
import cn.ankang.bangfu.shared.values.ActiveOn;
import cn.ankang.bangfu.security.audit.AuditTrail;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.values.Masking;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.unit.AssistanceUnit;
import cn.ankang.bangfu.unit.UnitService;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of resident cadres and postings.
 */
@Controller
class CadreController {

	private final CadreService cadres;

	private final UnitService units;

	private final GeoService geo;

	private final CadreRecords records;

	private final History history;

	CadreController(CadreService cadres, UnitService units, GeoService geo, CadreRecords records, History history,
			BatchLoaderRegistry registry) {
		this.cadres = cadres;
		this.units = units;
		this.geo = geo;
		this.records = records;
		this.history = history;
		Batching.<ActiveOn, List<ResidentCadre>>register(registry, "unitCadres",
				(keys, activeOn) -> cadres.cadresOfUnits(keys, activeOn.date()), (activeOn) -> List.of());
	}

	@MutationMapping
	CadrePayload registerCadre(@Argument CadreRecords.RegisterInput input, GraphQLContext context) {
		Outcome<ResidentCadre> outcome = this.records.register(input).audit(context, ResidentCadre::id);
		return new CadrePayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	PostingPayload postCadre(@Argument CadreRecords.PostInput input, GraphQLContext context) {
		return PostingPayload.of(this.records.post(input), context);
	}

	@MutationMapping
	PostingPayload rotatePosting(@Argument CadreRecords.RotateInput input, GraphQLContext context) {
		return PostingPayload.of(this.records.rotate(input), context);
	}

	@MutationMapping
	PostingPayload endPosting(@Argument CadreRecords.EndInput input, GraphQLContext context) {
		return PostingPayload.of(this.records.end(input), context);
	}

	/**
	 * The cadres' histories, with the phone numbers masked for those who may not see the
	 * cadre's phone.
	 */
	@BatchMapping(typeName = "ResidentCadre")
	Map<ResidentCadre, List<RecordChange>> history(List<ResidentCadre> cadres) {
		List<Long> keys = cadres.stream().map(ResidentCadre::key).toList();
		Map<Long, List<RecordChange>> byCadre = this.history.of(RecordChange.Subject.CADRE, keys);
		java.util.Set<Long> visible = this.cadres.withVisiblePhones(keys);
		return Batching.mapEach(cadres,
				(cadre) -> byCadre.getOrDefault(cadre.key(), List.of())
					.stream()
					.map((change) -> visible.contains(cadre.key()) ? change
							: change.withValues(maskPhone(change.before()), maskPhone(change.after())))
					.toList());
	}

	private static @Nullable Map<String, @Nullable Object> maskPhone(@Nullable Map<String, @Nullable Object> values) {
		if (values == null || !(values.get("phone") instanceof String phone)) {
			return values;
		}
		Map<String, @Nullable Object> masked = new java.util.LinkedHashMap<>(values);
		masked.put("phone", Masking.phone(phone));
		return masked;
	}

	@BatchMapping(typeName = "Posting")
	Map<Posting, @Nullable Posting> predecessor(List<Posting> postings) {
		List<Long> keys = postings.stream()
			.map(Posting::succeedsPostingKey)
			.filter(java.util.Objects::nonNull)
			.toList();
		Map<Long, Posting> byKey = keys.isEmpty() ? Map.of() : this.cadres.postingsByKeys(keys);
		return Batching.mapEach(postings,
				(posting) -> (posting.succeedsPostingKey() != null) ? byKey.get(posting.succeedsPostingKey()) : null);
	}

	record CadrePayload(@Nullable ResidentCadre cadre, List<UserError> userErrors) {
	}

	record PostingPayload(@Nullable Posting posting, List<UserError> userErrors) {

		static PostingPayload of(Outcome<Posting> outcome, GraphQLContext context) {
			outcome.audit(context, Posting::id);
			return new PostingPayload(outcome.value(), outcome.userErrors());
		}

	}

	@QueryMapping
	Connection<ResidentCadre> residentCadres(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable ResidentCadreFilter filter, DataFetchingFieldSelectionSet selection) {
		return this.cadres.cadres((filter != null) ? filter : ResidentCadreFilter.NONE, PageRequest.of(first, after),
				selection.contains("totalCount"));
	}

	@BatchMapping(typeName = "ResidentCadre")
	Map<ResidentCadre, AssistanceUnit> dispatchingUnit(List<ResidentCadre> cadres) {
		Map<Long, AssistanceUnit> byKey = this.units
			.unitsByKeys(cadres.stream().map(ResidentCadre::dispatchingUnitKey).toList());
		return Batching.mapEach(cadres, (cadre) -> byKey.get(cadre.dispatchingUnitKey()));
	}

	@BatchMapping(typeName = "ResidentCadre", field = "phone")
	Map<ResidentCadre, @Nullable String> phone(List<ResidentCadre> cadres, GraphQLContext context) {
		java.util.Set<Long> visible = this.cadres.withVisiblePhones(cadres.stream().map(ResidentCadre::key).toList());
		AuditTrail trail = AuditTrail.of(context);
		return Batching.mapEach(cadres, (cadre) -> {
			if (cadre.phone() != null && visible.contains(cadre.key())) {
				trail.personalRead(cadre.id());
				return cadre.phone();
			}
			return Masking.phone(cadre.phone());
		});
	}

	@BatchMapping(typeName = "ResidentCadre")
	Map<ResidentCadre, @Nullable Posting> currentPosting(List<ResidentCadre> cadres) {
		Map<Long, Posting> byCadre = this.cadres.currentPostings(cadres.stream().map(ResidentCadre::key).toList());
		return Batching.mapEach(cadres, (cadre) -> byCadre.get(cadre.key()));
	}

	@BatchMapping(typeName = "ResidentCadre")
	Map<ResidentCadre, List<Posting>> postings(List<ResidentCadre> cadres) {
		Map<Long, List<Posting>> byCadre = this.cadres
			.postingsOfCadres(cadres.stream().map(ResidentCadre::key).toList(), null);
		return Batching.mapEach(cadres, (cadre) -> byCadre.getOrDefault(cadre.key(), List.of()));
	}

	@BatchMapping(typeName = "Posting")
	Map<Posting, ResidentCadre> cadre(List<Posting> postings) {
		Map<Long, ResidentCadre> byKey = this.cadres.cadresByKeys(postings.stream().map(Posting::cadreKey).toList());
		return Batching.mapEach(postings, (posting) -> byKey.get(posting.cadreKey()));
	}

	@BatchMapping(typeName = "Posting")
	Map<Posting, Village> village(List<Posting> postings) {
		Map<Long, Village> byKey = this.geo.villagesByKeys(postings.stream().map(Posting::villageKey).toList());
		return Batching.mapEach(postings, (posting) -> byKey.get(posting.villageKey()));
	}

	@BatchMapping(typeName = "Village")
	Map<Village, List<ResidentCadre>> currentCadres(List<Village> villages) {
		Map<Long, List<ResidentCadre>> byVillage = this.cadres
			.currentCadresOfVillages(villages.stream().map(Village::key).toList());
		return Batching.mapEach(villages, (village) -> byVillage.getOrDefault(village.key(), List.of()));
	}

	@BatchMapping(typeName = "User", field = "cadre")
	Map<Account, @Nullable ResidentCadre> userCadre(List<Account> users) {
		Map<Long, ResidentCadre> byKey = this.cadres
			.cadresByKeys(users.stream().map(Account::cadreKey).filter(java.util.Objects::nonNull).toList());
		return Batching.mapEach(users, (user) -> (user.cadreKey() != null) ? byKey.get(user.cadreKey()) : null);
	}

	@SchemaMapping(typeName = "Viewer")
	List<Village> postedVillages(Viewer viewer) {
		Long cadre = viewer.user().cadreKey();
		if (cadre == null) {
			return List.of();
		}
		List<Long> villages = this.cadres.currentPostings(List.of(cadre))
			.values()
			.stream()
			.map(Posting::villageKey)
			.toList();
		Map<Long, Village> byKey = this.geo.villagesByKeys(villages);
		return villages.stream().map(byKey::get).toList();
	}

	@SchemaMapping(typeName = "AssistanceUnit")
	CompletableFuture<List<ResidentCadre>> cadres(AssistanceUnit unit, @Argument @Nullable LocalDate activeOn,
			DataLoader<Batching.Key<ActiveOn>, List<ResidentCadre>> unitCadres) {
		return unitCadres.load(new Batching.Key<>(unit.key(), new ActiveOn(activeOn)));
	}

}
