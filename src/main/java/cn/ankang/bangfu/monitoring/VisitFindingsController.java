package cn.ankang.bangfu.monitoring;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.visit.VisitEffect;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of what visits' findings did to monitoring: the case an effect
 * changed or opened, and an officer's reversal.
 */
@Controller
class VisitFindingsController {

	private final VisitFindings findings;

	private final CaseReads cases;

	VisitFindingsController(VisitFindings findings, CaseReads cases) {
		this.findings = findings;
		this.cases = cases;
	}

	@MutationMapping
	ReverseVisitEffectPayload reverseVisitEffect(@Argument VisitFindings.ReverseInput input, GraphQLContext context) {
		Outcome<VisitEffect> outcome = this.findings.reverse(input)
			.audit(context, VisitEffect::id)
			.audit(context, (effect) -> GlobalId.of(Household.TYPE, effect.householdKey()));
		return new ReverseVisitEffectPayload(outcome.value(), outcome.userErrors());
	}

	@BatchMapping(typeName = "VisitEffect")
	Map<VisitEffect, @Nullable MonitoringCase> monitoringCase(List<VisitEffect> effects) {
		Map<Long, MonitoringCase> byKey = this.cases
			.casesByKeys(effects.stream().map(VisitEffect::caseKey).filter(Objects::nonNull).distinct().toList());
		return Batching.mapEach(effects, (effect) -> (effect.caseKey() != null) ? byKey.get(effect.caseKey()) : null);
	}

	record ReverseVisitEffectPayload(@Nullable VisitEffect effect, List<UserError> userErrors) {
	}

}
