package cn.ankang.bangfu.shared.relay;

import java.util.Collection;
import java.util.Map;

import cn.ankang.bangfu.shared.errors.ApiException;

/**
 * Fetches the objects of one GraphQL type by their keys, for {@code node} and
 * {@code nodes}. Each feature registers one bean per type it owns.
 */
public interface NodeLoader {

	/** The GraphQL type name whose objects this loads, e.g. {@code Village}. */
	String typeName();

	/**
	 * The objects with these keys, by key; keys with no object are left out.
	 * @throws ApiException {@code INVALID_ID} when a key cannot be a key of this type
	 */
	Map<String, Object> load(Collection<String> keys);

	/** A loader from a type name and a function over numeric keys. */
	static NodeLoader numeric(String typeName,
			java.util.function.Function<Collection<Long>, Map<Long, ? extends Object>> loader) {
		return new NumericNodeLoader(typeName, loader);
	}

}
