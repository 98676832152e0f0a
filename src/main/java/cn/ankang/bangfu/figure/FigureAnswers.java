package cn.ankang.bangfu.figure;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.GraphQLContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Scope;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
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
 * <p>
 * An answer asked for when older than {@code bangfu.figures.answer-refresh-after} (30
 * seconds; 0 never) is given as kept and computed anew behind it, for the asker's scope,
 * on a thread of its own: a dashboard in use is answered at once and never older than the
 * maximum age, where without it the first asker after each minute waited for the
 * computation (at 100× seconds). Only answers asked for are refreshed, one at a time.
 */
@Component
public class FigureAnswers implements WebGraphQlInterceptor, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(FigureAnswers.class);

	/**
	 * The GraphQL context's key: the request asks for figures computed anew, as a live
	 * view re-run after a change must.
	 */
	public static final String FRESH = "bangfu.figures.fresh";

	private final @Nullable Cache<Key, Kept> kept;

	private final Jurisdiction jurisdiction;

	private final Map<Key, CompletableFuture<Object>> computing = new ConcurrentHashMap<>();

	/** Nanoseconds after which an answer asked for is refreshed; 0 never. */
	private final long refreshAfter;

	private final Set<Key> refreshing = ConcurrentHashMap.newKeySet();

	// one thread: refreshes are background work on two cores shared with the requests,
	// and each holds one of the figures' connections; those that do not fit the queue
	// are left to expire
	private final ThreadPoolExecutor refresher = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES,
			new ArrayBlockingQueue<>(100), (task) -> {
				Thread thread = new Thread(task, "figure-answers-refresh");
				thread.setDaemon(true);
				return thread;
			});

	private final Counter refreshed;

	private final Counter refreshFailed;

	FigureAnswers(Jurisdiction jurisdiction, @Value("${bangfu.figures.answer-max-age:PT1M}") Duration maxAge,
			@Value("${bangfu.figures.answer-refresh-after:PT30S}") Duration refreshAfter,
			@Value("${bangfu.figures.answer-max-entries:10000}") long maxEntries, MeterRegistry meters) {
		this.jurisdiction = jurisdiction;
		this.refreshAfter = (refreshAfter.isNegative() || refreshAfter.compareTo(maxAge) >= 0) ? 0
				: refreshAfter.toNanos();
		this.refreshed = refreshes(meters, "kept");
		this.refreshFailed = refreshes(meters, "failed");
		if (maxAge.isZero() || maxAge.isNegative()) {
			this.kept = null;
		}
		else {
			Cache<Key, Kept> cache = Caffeine.newBuilder()
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
		Kept answer = this.kept.getIfPresent(key);
		if (answer != null) {
			if (this.refreshAfter > 0 && System.nanoTime() - answer.keptAt() > this.refreshAfter) {
				refreshBehind(key, compute);
			}
			return (T) answer.answer();
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
			Kept ended = this.kept.getIfPresent(key);
			T computed = (ended != null) ? (T) ended.answer() : computeAndKeep(key, compute);
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
		long started = System.nanoTime();
		T answer = compute.get();
		keep(key, new Kept(answer, started));
		return answer;
	}

	/** Keeps the answer unless one computed later is kept already. */
	private void keep(Key key, Kept answer) {
		Objects.requireNonNull(this.kept)
			.asMap()
			.merge(key, answer, (old, now) -> (now.keptAt() - old.keptAt() >= 0) ? now : old);
	}

	/**
	 * Computes the answer anew on the refresher's thread, as the asker: the figures read
	 * the asker's scope from the signed-in user, in a transaction of their own.
	 */
	private void refreshBehind(Key key, Supplier<?> compute) {
		if (!this.refreshing.add(key)) {
			return;
		}
		Runnable refresh = () -> {
			try {
				long started = System.nanoTime();
				Object answer = compute.get();
				// a scope judged on another day (midnight passed) is another question
				if (key.scope().equals(this.jurisdiction.current())) {
					keep(key, new Kept(answer, started));
					this.refreshed.increment();
				}
			}
			catch (RuntimeException ex) {
				this.refreshFailed.increment();
				logger.warn("Could not compute the figure {} anew behind its kept answer, which expires as usual",
						key.figure(), ex);
			}
			finally {
				this.refreshing.remove(key);
			}
		};
		try {
			this.refresher
				.execute(DelegatingSecurityContextRunnable.create(refresh, SecurityContextHolder.getContext()));
		}
		catch (RejectedExecutionException ex) {
			this.refreshing.remove(key);
		}
	}

	private static Counter refreshes(MeterRegistry meters, String outcome) {
		return Counter.builder("bangfu.figures.answers.refreshed")
			.description("Kept figure answers computed anew behind an asker")
			.tag("outcome", outcome)
			.register(meters);
	}

	@Override
	public void destroy() {
		this.refresher.shutdownNow();
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

	/** An answer and when its computation began ({@link System#nanoTime}). */
	private record Kept(Object answer, long keptAt) {
	}

}
