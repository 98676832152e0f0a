package cn.ankang.bangfu.shared.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.BatchLoaderRegistry;

/**
 * Helpers for loading children in batches: the number of SQL statements a request runs
 * must depend on its depth, never on the number of rows.
 */
public final class Batching {

	private Batching() {
	}

	/**
	 * The map {@code @BatchMapping} wants: each key with its value, in the keys' order.
	 */
	public static <K, V> Map<K, V> mapEach(Collection<K> keys, Function<K, V> value) {
		Map<K, V> result = new LinkedHashMap<>();
		for (K key : keys) {
			result.put(key, value.apply(key));
		}
		return result;
	}

	/**
	 * Registers a batch loader for a field with arguments (a nested page, a date): keys
	 * that share arguments are loaded together in one call of {@code load}, with their
	 * parents' keys.
	 * @param registry where data loaders are registered
	 * @param name the loader's name; a controller parameter of that name receives it
	 * @param load loads the values of many parents for one set of arguments, by parent
	 * key
	 * @param missing the value of a parent {@code load} left out
	 */
	public static <A, V> void register(BatchLoaderRegistry registry, String name,
			BiFunction<List<Long>, A, Map<Long, V>> load, Function<A, V> missing) {
		registry.<Key<A>, V>forName(name)
			.registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> loadGrouped(keys, load, missing)));
	}

	static <A, V> Map<Key<A>, V> loadGrouped(Set<Key<A>> keys, BiFunction<List<Long>, A, Map<Long, V>> load,
			Function<A, V> missing) {
		Map<Key<A>, V> result = new HashMap<>();
		Map<A, List<Long>> parentsByArguments = keys.stream()
			.collect(Collectors.groupingBy(Key::arguments, LinkedHashMap::new,
					Collectors.mapping(Key::parent, Collectors.toCollection(ArrayList::new))));
		parentsByArguments.forEach((arguments, parents) -> {
			Map<Long, V> values = load.apply(parents, arguments);
			for (Long parent : parents) {
				V value = values.get(parent);
				result.put(new Key<>(parent, arguments), (value != null) ? value : missing.apply(arguments));
			}
		});
		return result;
	}

	/**
	 * The key of a child field: the parent's database key and the field's arguments.
	 *
	 * @param <A> the type of the arguments, a record
	 * @param parent the parent's key
	 * @param arguments the field's arguments
	 */
	public record Key<A>(long parent, A arguments) {
	}

}
