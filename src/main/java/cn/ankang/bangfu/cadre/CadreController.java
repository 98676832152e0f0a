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
import cn.ankang.bangfu.security.Account;
import cn.ankang.bangfu.security.Viewer;
import cn.ankang.bangfu.shared.ActiveOn;
import cn.ankang.bangfu.security.AuditTrail;
import cn.ankang.bangfu.shared.Batching;
import cn.ankang.bangfu.shared.Masking;
import cn.ankang.bangfu.shared.Connection;
import cn.ankang.bangfu.shared.PageRequest;
import cn.ankang.bangfu.unit.AssistanceUnit;
import cn.ankang.bangfu.unit.UnitService;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
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

	CadreController(CadreService cadres, UnitService units, GeoService geo, BatchLoaderRegistry registry) {
		this.cadres = cadres;
		this.units = units;
		this.geo = geo;
		Batching.<ActiveOn, List<ResidentCadre>>register(registry, "unitCadres",
				(keys, activeOn) -> cadres.cadresOfUnits(keys, activeOn.date()), (activeOn) -> List.of());
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
