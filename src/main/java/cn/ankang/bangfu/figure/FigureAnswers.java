package cn.ankang.bangfu.figure;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.GraphQLContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Scope;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Figures asked again within a short while are answered as they were computed, with the
 * {@code asOf} of that computation: a dashboard opened by several leaders of one scope,
 * or refreshed, costs one computation a while, not one a request. Over a province a
 * figure scans hundreds of thousands of records (issue 23: 0.2 to 1.3 s at 10×), and no
 * roll-up keeps exact counts of distinct households over arbitrary days; a stated
 * freshness is what DHIS2's analytics and Hasura's cached queries give too.
 * <p>
 * An answer is kept for {@code bangfu.figures.answer-max-age} (a minute; 0 keeps none)
 * under the figure, its arguments and the asker's whole {@link Scope} (today included):
 * only an asker of exactly the same jurisdiction is given it, so no one sees figures over
 * villages outside their own. Askers of a question being computed wait for that
 * computation instead of starting their own. A request with {@code Cache-Control:
 * no-cache} is computed anew (and kept for the next). Errors are not kept; those waiting
 * for a computation that fails get its error.
 */
@Component
public class FigureAnswers implements WebGraphQlInterceptor {

	/**
	 * The GraphQL context's key: the request asks for figures computed anew, as a live
	 * view re-run after a change must.
	 */
	public static final String FRESH = "bangfu.figures.fresh";

	private final @Nullable Cache<Key, Object> kept;

	private final Jurisdiction jurisdiction;

	private final Map<Key, CompletableFuture<Object>> computing = new ConcurrentHashMap<>();

	FigureAnswers(Jurisdiction jurisdiction, @Value("${bangfu.figures.answer-max-age:PT1M}") Duration maxAge,
			@Value("${bangfu.figures.answer-max-entries:10000}") long maxEntries, MeterRegistry meters) {
		this.jurisdiction = jurisdiction;
		if (maxAge.isZero() || maxAge.isNegative()) {
			this.kept = null;
		}
		else {
			Cache<Key, Object> cache = Caffeine.newBuilder()
				.expireAfterWrite(maxAge)
				.maximumSize(maxEntries)
				.recordStats()
				.build();
			CaffeineCacheMetrics.monitor(meters, cache, "figures.answers");
			this.kept = cache;
		}
	}

	/**
	 * The answer to a figure for the asker: the one kept for the same figure, arguments
	 * and scope, or else {@code compute}'s, then kept.
	 * @param figure the figure's field, e.g. {@code measureFigures}
	 * @param arguments its arguments, nulls included: values with equals
	 */
	@SuppressWarnings("unchecked")
	<T> T answer(GraphQLContext context, String figure, @Nullable Object[] arguments, Supplier<T> compute) {
		if (this.kept == null) {
			return compute.get();
		}
		Key key = new Key(figure, Arrays.asList(arguments), this.jurisdiction.current());
		if (Boolean.TRUE.equals(context.get(FRESH))) {
			// not even one being computed: it may have started before a record the asker
			// just saved
			return computeAndKeep(key, compute);
		}
		Object answer = this.kept.getIfPresent(key);
		if (answer != null) {
			return (T) answer;
		}
		// the dashboard everyone opens at nine: one computation, the others wait for it.
		// Not Caffeine's AsyncCache: it computes on its executor, away from the asker's
		// thread, which holds the signed-in user and the query's transaction
		CompletableFuture<Object> mine = new CompletableFuture<>();
		CompletableFuture<Object> running = this.computing.putIfAbsent(key, mine);
		if (running != null) {
			return (T) awaited(running);
		}
		try {
			// kept by one that ended between the look and the claim
			Object ended = this.kept.getIfPresent(key);
			T computed = (ended != null) ? (T) ended : computeAndKeep(key, compute);
			mine.complete(computed);
			return computed;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.computing.remove(key, mine);
		}
	}

	private <T> T computeAndKeep(Key key, Supplier<T> compute) {
		T answer = compute.get();
		Objects.requireNonNull(this.kept).put(key, answer);
		return answer;
	}

	/** The other's answer, or its error as it was thrown to it. */
	private static Object awaited(CompletableFuture<Object> running) {
		try {
			return running.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error cause) {
				throw cause;
			}
			throw ex;
		}
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		// the HTTP way of asking past a cache, as a browser's reload does
		String cacheControl = request.getHeaders().getCacheControl();
		if (cacheControl != null && noCache(cacheControl)) {
			request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(FRESH, true)).build());
		}
		return chain.next(request);
	}

	private static boolean noCache(String header) {
		return Arrays.stream(header.split(",")).map(String::trim).anyMatch("no-cache"::equalsIgnoreCase);
	}

	private record Key(String figure, List<@Nullable Object> arguments, Scope scope) {
	}

}
