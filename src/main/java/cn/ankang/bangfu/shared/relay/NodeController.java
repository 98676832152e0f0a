package cn.ankang.bangfu.shared.relay;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import cn.ankang.bangfu.shared.errors.ApiException;

/**
 * Relay's {@code node} and {@code nodes}: any object by its global id.
 */
@Controller
class NodeController {

	private final Nodes nodes;

	NodeController(Nodes nodes) {
		this.nodes = nodes;
	}

	@QueryMapping
	@Nullable Object node(@Argument String id) {
		return nodes(List.of(id)).get(0);
	}

	@QueryMapping
	List<@Nullable Object> nodes(@Argument List<String> ids) {
		if (ids.size() > PageRequest.MAX_FIRST) {
			throw ApiException.invalidArgument(
					"'ids' may hold at most %d ids, but held %d.".formatted(PageRequest.MAX_FIRST, ids.size()));
		}
		return this.nodes.load(ids.stream().map(GlobalId::decode).toList());
	}

}
