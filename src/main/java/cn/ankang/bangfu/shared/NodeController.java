package cn.ankang.bangfu.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Relay's {@code node} and {@code nodes}: any object by its global id, through the
 * loaders the features register.
 */
@Controller
class NodeController {

	private final Map<String, NodeLoader> loaders;

	NodeController(List<NodeLoader> loaders) {
		this.loaders = loaders.stream().collect(Collectors.toMap(NodeLoader::typeName, Function.identity()));
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
		List<GlobalId> decoded = ids.stream().map(GlobalId::decode).toList();
		Map<String, Set<String>> keysByType = new LinkedHashMap<>();
		for (GlobalId id : decoded) {
			if (!this.loaders.containsKey(id.type())) {
				throw new ApiException(ErrorCode.INVALID_ID,
						"'%s' is not a valid id.".formatted(GlobalId.of(id.type(), id.key())));
			}
			keysByType.computeIfAbsent(id.type(), (type) -> new LinkedHashSet<>()).add(id.key());
		}
		Map<String, Map<String, Object>> found = new LinkedHashMap<>();
		keysByType.forEach((type, keys) -> found.put(type, this.loaders.get(type).load(keys)));
		List<@Nullable Object> result = new ArrayList<>(decoded.size());
		for (GlobalId id : decoded) {
			result.add(found.get(id.type()).get(id.key()));
		}
		return result;
	}

}
