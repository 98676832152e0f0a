package cn.ankang.bangfu.leader;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.County;
import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.history.History;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.RecordChange;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.relay.NodeLoader;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of leaders and their liaisons.
 */
@Controller
class LeaderController {

	private final LeaderService leaders;

	private final GeoService geo;

	private final LeaderRecords records;

	private final History history;

	LeaderController(LeaderService leaders, GeoService geo, LeaderRecords records, History history) {
		this.leaders = leaders;
		this.geo = geo;
		this.records = records;
		this.history = history;
	}

	@MutationMapping
	LeaderPayload createLeader(@Argument LeaderRecords.CreateInput input, GraphQLContext context) {
		Outcome<Leader> outcome = this.records.create(input).audit(context, Leader::id);
		return new LeaderPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	LiaisonPayload assignLeaderLiaison(@Argument LeaderRecords.AssignInput input, GraphQLContext context) {
		Outcome<LeaderLiaison> outcome = this.records.assign(input).audit(context, LeaderLiaison::id);
		return new LiaisonPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	LiaisonPayload endLeaderLiaison(@Argument LeaderRecords.EndInput input, GraphQLContext context) {
		Outcome<LeaderLiaison> outcome = this.records.end(input).audit(context, LeaderLiaison::id);
		return new LiaisonPayload(outcome.value(), outcome.userErrors());
	}

	@BatchMapping(typeName = "Leader")
	Map<Leader, List<RecordChange>> history(List<Leader> leaders) {
		return this.history.ofEach(RecordChange.Subject.LEADER, leaders, Leader::key);
	}

	record LeaderPayload(@Nullable Leader leader, List<UserError> userErrors) {
	}

	record LiaisonPayload(@Nullable LeaderLiaison liaison, List<UserError> userErrors) {
	}

	@QueryMapping
	List<LeaderLiaison> leaderLiaisons(@Argument @Nullable String countyCode, @Argument @Nullable LocalDate activeOn) {
		return this.leaders.liaisons(countyCode, activeOn);
	}

	@BatchMapping(typeName = "Leader")
	Map<Leader, List<LeaderLiaison>> liaisons(List<Leader> leaders) {
		Map<Long, List<LeaderLiaison>> byLeader = this.leaders
			.liaisonsOfLeaders(leaders.stream().map(Leader::key).toList());
		return Batching.mapEach(leaders, (leader) -> byLeader.getOrDefault(leader.key(), List.of()));
	}

	@BatchMapping(typeName = "LeaderLiaison")
	Map<LeaderLiaison, Leader> leader(List<LeaderLiaison> liaisons) {
		Map<Long, Leader> byKey = this.leaders.leadersByKeys(liaisons.stream().map(LeaderLiaison::leaderKey).toList());
		return Batching.mapEach(liaisons, (liaison) -> byKey.get(liaison.leaderKey()));
	}

	@BatchMapping(typeName = "LeaderLiaison")
	Map<LeaderLiaison, County> county(List<LeaderLiaison> liaisons) {
		Map<Long, County> byKey = this.geo.countiesByKeys(liaisons.stream().map(LeaderLiaison::countyKey).toList());
		return Batching.mapEach(liaisons, (liaison) -> byKey.get(liaison.countyKey()));
	}

	@BatchMapping(typeName = "LeaderLiaison")
	Map<LeaderLiaison, @Nullable Village> keyVillage(List<LeaderLiaison> liaisons) {
		List<Long> keys = liaisons.stream().map(LeaderLiaison::villageKey).filter(Objects::nonNull).toList();
		Map<Long, Village> byKey = keys.isEmpty() ? Map.of() : this.geo.villagesByKeys(keys);
		return Batching.mapEach(liaisons,
				(liaison) -> (liaison.villageKey() != null) ? byKey.get(liaison.villageKey()) : null);
	}

	@BatchMapping(typeName = "County")
	Map<County, List<LeaderLiaison>> leaderLiaisons(List<County> counties) {
		Map<Long, List<LeaderLiaison>> byCounty = this.leaders
			.liaisonsOfCounties(counties.stream().map(County::key).toList());
		return Batching.mapEach(counties, (county) -> byCounty.getOrDefault(county.key(), List.of()));
	}

	/**
	 * Lets {@code node(id)} find leaders and liaisons.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Nodes {

		@Bean
		NodeLoader leaderNodes(LeaderService leaders) {
			return NodeLoader.numeric("Leader", leaders::leadersByKeys);
		}

		@Bean
		NodeLoader leaderLiaisonNodes(LeaderService leaders) {
			return NodeLoader.numeric("LeaderLiaison", leaders::liaisonsByKeys);
		}

	}

}
