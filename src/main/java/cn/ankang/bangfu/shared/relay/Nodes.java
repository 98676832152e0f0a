package cn.ankang.bangfu.shared.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.ErrorCode;

/**
 * Objects of any type by their global ids, one batch per type, through the loaders the
 * features register: for {@code node}, {@code nodes} and every field that hands out
 * objects of mixed types.
 */
@Component
public class Nodes {

	private final Map<String, NodeLoader> loaders;

	Nodes(List<NodeLoader> loaders) {
		this.loaders = loaders.stream().collect(Collectors.toMap(NodeLoader::typeName, Function.identity()));
	}

	/**
	 * The objects with these ids, in their order; null where there is none the signed-in
	 * user may see.
	 * @throws ApiException {@code INVALID_ID} for an id of a type no one loads
	 */
	public List<@Nullable Object> load(Collection<GlobalId> ids) {
		Map<String, Set<String>> keysByType = new LinkedHashMap<>();
		for (GlobalId id : ids) {
			if (!this.loaders.containsKey(id.type())) {
				throw new ApiException(ErrorCode.INVALID_ID,
						"'%s' is not a valid id.".formatted(GlobalId.of(id.type(), id.key())));
			}
			keysByType.computeIfAbsent(id.type(), (type) -> new LinkedHashSet<>()).add(id.key());
		}
		Map<String, Map<String, Object>> found = new LinkedHashMap<>();
		keysByType.forEach((type, keys) -> found.put(type, this.loaders.get(type).load(keys)));
		List<@Nullable Object> result = new ArrayList<>(ids.size());
		for (GlobalId id : ids) {
			result.add(found.get(id.type()).get(id.key()));
		}
		return result;
	}

}
