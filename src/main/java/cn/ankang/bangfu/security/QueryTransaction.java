package cn.ankang.bangfu.security;

import cn.ankang.bangfu.security.jurisdiction.ScopedTransactionManager;

import java.util.concurrent.CompletionException;

import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.ExecutionResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.ExecutionGraphQlRequest;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.DefaultExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A query runs in one read-only transaction, with the user's scope set once, instead of
 * one transaction for its root field and one for each batch of children: a village page
 * took five transactions (each opening with the statement that sets the role and scope
 * and closing with a commit, two round trips to PostgreSQL) around nine statements. The
 * services' own {@code @Transactional(readOnly = true)} join it. It is {@code REPEATABLE
 * READ}, so that every field of one answer reads the same snapshot: a page's
 * {@code totalCount} agrees with its edges, a household's visits with its latest visit.
 * <p>
 * Why this cannot carry a scope from one request to the next (the trap of a transaction
 * bound to a pooled thread): the transaction is begun and ended on one thread, inside one
 * synchronous call ({@link Service#execute}), which waits for the execution to finish and
 * ends the transaction in {@code finally}, whatever happened. Only while that call runs
 * is the thread marked as one that may share a transaction, and only an operation that
 * starts on the marked thread begins one; work that moves to another thread finds no
 * transaction there and opens its own, as before. Mutations and subscriptions keep their
 * own transactions: they write, each record exactly once, and their answers must not wait
 * for a reader's snapshot.
 * <p>
 * The cost: a statement that fails aborts the transaction, so the query's later fields
 * that need the database fail too (each with its coded error); before, they could still
 * answer. Statements of a query fail only when the database does (a timeout, a lost
 * connection), and then the others would mostly have failed as well.
 * <p>
 * Last in the chain of instrumentations: from here on the request holds a pooled
 * connection, and one that took a connection of its own after this (the rate limit's
 * bucket) would hold two at once. Sixteen requests of one user did, and with ten
 * connections in the pool each held one and waited for a second until the pool's timeout
 * (issue 23: the unexplained 503s). {@code OneConnectionAtATimeTests} runs the service on
 * a pool of one.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class QueryTransaction extends SimplePerformantInstrumentation {

	private static final Logger logger = LoggerFactory.getLogger(QueryTransaction.class);

	/** The thread's request, while {@link Service#execute} runs on it. */
	private static final ThreadLocal<Request> current = new ThreadLocal<>();

	private final ScopedTransactionManager transactions;

	private final TransactionDefinition definition;

	QueryTransaction(ScopedTransactionManager transactions) {
		this.transactions = transactions;
		this.definition = definition();
	}

	/** A query's transaction: read-only, one snapshot for the whole answer. */
	static TransactionDefinition definition() {
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		definition.setName(QueryTransaction.class.getName());
		definition.setReadOnly(true);
		definition.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		return definition;
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		Request request = current.get();
		ExecutionContext execution = parameters.getExecutionContext();
		if (request == null || request.started) {
			return SimpleInstrumentationContext.noOp();
		}
		// only the request's first operation: a document run within it (a saved view)
		// shares what it has, and a thread already in a transaction (a service that runs
		// a
		// view) keeps its own
		request.started = true;
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				&& execution.getOperationDefinition().getOperation() == OperationDefinition.Operation.QUERY
				&& Auth.current().isPresent() && readsData(execution.getOperationDefinition())) {
			try {
				request.status = this.transactions.getTransaction(this.definition);
			}
			catch (TransactionException ex) {
				// the database cannot be reached: each field tries on its own, and fails
				// with the error that says so
				logger.debug("No shared transaction for the query: {}", ex.getMessage());
			}
		}
		return SimpleInstrumentationContext.noOp();
	}

	/** Whether a field outside the schema's own (introspection) is asked for. */
	private static boolean readsData(OperationDefinition operation) {
		return operation.getSelectionSet()
			.getSelections()
			.stream()
			.anyMatch((selection) -> !(selection instanceof Field field) || !field.getName().startsWith("__"));
	}

	private void end(Request request) {
		TransactionStatus status = request.status;
		if (status == null) {
			return;
		}
		try {
			// it wrote nothing: a rollback ends it as a commit would, and never fails
			// because a field's service marked it rollback-only
			this.transactions.rollback(status);
		}
		catch (TransactionException ex) {
			logger.debug("Ending a query's transaction failed: {}", ex.getMessage());
		}
	}

	private static final class Request {

		boolean started;

		@Nullable TransactionStatus status;

	}

	/**
	 * Spring for GraphQL's execution, with the query's transaction around it. Everything
	 * that executes GraphQL goes through this bean: HTTP, WebSocket, saved views and
	 * their exports.
	 */
	static final class Service implements ExecutionGraphQlService {

		private final ExecutionGraphQlService delegate;

		private final QueryTransaction transaction;

		Service(ExecutionGraphQlService delegate, QueryTransaction transaction) {
			this.delegate = delegate;
			this.transaction = transaction;
		}

		@Override
		public Mono<ExecutionGraphQlResponse> execute(ExecutionGraphQlRequest request) {
			return Mono.deferContextual((context) -> {
				if (current.get() != null) {
					// a document run within another's execution (a saved view): it shares
					// the outer one's transaction
					return this.delegate.execute(request);
				}
				return Mono.fromCallable(() -> {
					Request mark = new Request();
					current.set(mark);
					try {
						return this.delegate.execute(request).contextWrite(context).toFuture().join();
					}
					catch (CompletionException ex) {
						throw (ex.getCause() instanceof Exception cause) ? cause : ex;
					}
					finally {
						current.remove();
						this.transaction.end(mark);
					}
				});
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Wiring {

		/**
		 * Spring Boot's own execution service (as its auto-configuration makes it),
		 * wrapped.
		 */
		@Bean
		ExecutionGraphQlService executionGraphQlService(GraphQlSource source, BatchLoaderRegistry loaders,
				ObjectProvider<QueryTransaction> transaction) {
			DefaultExecutionGraphQlService service = new DefaultExecutionGraphQlService(source);
			service.addDataLoaderRegistrar(loaders);
			return new Service(service, transaction.getObject());
		}

	}

}
