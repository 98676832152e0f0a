package cn.ankang.bangfu.shared.relay;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link NodeLoader} for types keyed by a database identity.
 */
record NumericNodeLoader(String typeName,
		Function<Collection<Long>, Map<Long, ? extends Object>> loader) implements NodeLoader {

	@Override
	public Map<String, Object> load(Collection<String> keys) {
		Map<Long, String> byNumber = new HashMap<>();
		for (String key : keys) {
			byNumber.put(new GlobalId(this.typeName, key).numericKey(), key);
		}
		Map<String, Object> result = new HashMap<>();
		this.loader.apply(byNumber.keySet()).forEach((number, node) -> result.put(byNumber.get(number), node));
		return result;
	}

}
