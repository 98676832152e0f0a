package cn.ankang.bangfu.security.limits;

import java.util.HashMap;
import java.util.Map;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.ExecutionContext;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;

/**
 * What an operation costs: a field one plus its children, times its {@code first} (20
 * when not given) for a connection. Under a field of an interface or union type only one
 * type's fields are ever resolved per object, so the children cost what the interface's
 * own fields cost plus the dearest of the type fragments — as the big public GraphQL APIs
 * count abstract types — not the sum of every fragment: the phone's change feed names
 * seven kinds of item in each entry, and paying for all seven made a busy village's first
 * sync wait out its rate limit.
 */
final class QueryCost {

	private static final String KEY = QueryCost.class.getName();

	private QueryCost() {
	}

	/**
	 * The operation's cost, counted once per request however many limits ask for it.
	 */
	static int of(ExecutionContext execution) {
		return execution.getGraphQLContext().computeIfAbsent(KEY, (key) -> count(execution));
	}

	private static int count(ExecutionContext execution) {
		// each field's children's costs, by the type (or interface) their selection is on
		Map<QueryVisitorFieldEnvironment, Map<String, Long>> children = new HashMap<>();
		QueryTraverser.newQueryTraverser()
			.schema(execution.getGraphQLSchema())
			.document(execution.getDocument())
			.operationName(execution.getOperationDefinition().getName())
			.coercedVariables(execution.getCoercedVariables())
			.build()
			.visitPostOrder(new QueryVisitorStub() {
				@Override
				public void visitField(QueryVisitorFieldEnvironment environment) {
					if (environment.isTypeNameIntrospectionField()) {
						return;
					}
					long below = childrenCost(environment, children.remove(environment));
					long cost = Math.min(Integer.MAX_VALUE, 1 + below * times(environment));
					children.computeIfAbsent(environment.getParentEnvironment(), (parent) -> new HashMap<>())
						.merge(environment.getFieldsContainer().getName(), cost, Long::sum);
				}
			});
		Map<String, Long> roots = children.getOrDefault(null, Map.of());
		return (int) Math.min(Integer.MAX_VALUE, roots.values().stream().mapToLong(Long::longValue).sum());
	}

	private static long childrenCost(QueryVisitorFieldEnvironment field, Map<String, Long> byContainer) {
		if (byContainer == null) {
			return 0;
		}
		GraphQLType type = GraphQLTypeUtil.unwrapAll(field.getFieldDefinition().getType());
		if (!(type instanceof GraphQLInterfaceType || type instanceof GraphQLUnionType)) {
			return byContainer.values().stream().mapToLong(Long::longValue).sum();
		}
		// selections on an interface apply to every type that has it: they are paid in
		// full; of the object types' fragments only one applies
		long shared = 0;
		long dearest = 0;
		for (Map.Entry<String, Long> entry : byContainer.entrySet()) {
			if (field.getSchema().getType(entry.getKey()) instanceof GraphQLInterfaceType) {
				shared += entry.getValue();
			}
			else {
				dearest = Math.max(dearest, entry.getValue());
			}
		}
		return shared + dearest;
	}

	private static long times(QueryVisitorFieldEnvironment field) {
		Object first = field.getArguments().get("first");
		boolean connection = field.getFieldDefinition().getArgument("first") != null;
		return (first instanceof Integer value) ? Math.max(1, value) : (connection ? 20 : 1);
	}

}
