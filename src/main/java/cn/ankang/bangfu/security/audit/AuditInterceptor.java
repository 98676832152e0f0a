package cn.ankang.bangfu.security.audit;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import reactor.core.publisher.Mono;

import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.limits.ClientAddressInterceptor;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Gives every GraphQL request an {@link AuditTrail}, learns which operation it runs, and
 * writes the trail when the request ends: one row for a mutation, one for the personal
 * data it served unmasked.
 */
@Component
class AuditInterceptor extends SimplePerformantInstrumentation implements WebGraphQlInterceptor {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditInterceptor.class);

	private final AuditService audit;

	AuditInterceptor(AuditService audit) {
		this.audit = audit;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		AuditTrail trail = new AuditTrail();
		trail.path("GraphQL " + request.getUri().getPath());
		// who is asking is known on the request's thread; the response may complete on
		// another
		Optional<CurrentUser> user = Auth.current();
		trail.viewer(user);
		String address = ClientAddressInterceptor.address(request);
		request
			.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(AuditTrail.KEY, trail)).build());
		return chain.next(request).doOnNext((response) -> {
			// most requests are reads of masked or non-personal data: they leave no trace
			// and cost nothing
			if (trail.mutation() || trail.hasPersonalReads()) {
				try {
					this.audit.record(trail, user, address);
				}
				catch (org.springframework.dao.DataAccessException
						| org.springframework.transaction.TransactionException ex) {
					// the database went away after the request's own work: that work
					// failed
					// with it (and says so) or committed before; the answer must still
					// reach
					// the client
					log.warn("Could not write the audit trail of {}: {}", trail.operation(), ex.getMessage());
				}
			}
		});
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
		String name = (operation.getName() != null) ? operation.getName()
				: operation.getSelectionSet()
					.getSelectionsOfType(Field.class)
					.stream()
					.map(Field::getName)
					.collect(Collectors.joining(","));
		AuditTrail.of(parameters.getExecutionContext().getGraphQLContext())
			.operation(operation.getOperation() == OperationDefinition.Operation.MUTATION, name);
		return SimpleInstrumentationContext.noOp();
	}

}
