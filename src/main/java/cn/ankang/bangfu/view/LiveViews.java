package cn.ankang.bangfu.view;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.LiveSessions.LiveSession;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.ErrorCode;
import cn.ankang.bangfu.shared.errors.Messages;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live views: a saved view run at once and again whenever something in the subscriber's
 * jurisdiction changed, at most once per {@code bangfu.live.min-interval}, and pushed
 * only when its answer differs from the last one pushed. Each run is
 * {@code runSavedView}'s: as the subscriber, loaded again, in their jurisdiction, paid
 * from their rate limit and audited. A user has at most
 * {@code bangfu.live.max-subscriptions-per-user} open on one instance of the service; the
 * stream ends {@code UNAUTHENTICATED} when the access token expires or the session ends.
 */
@Service
class LiveViews {

	static final String OPERATION = "savedViewUpdates";

	private static final Object START = new Object();

	private final ViewService views;

	private final ViewRepository repository;

	private final ChangeSignals signals;

	private final Jurisdiction jurisdiction;

	private final Properties properties;

	private final Messages messages;

	private final TransactionTemplate readOnly;

	private final Counter runs;

	private final Map<Long, Integer> open = new ConcurrentHashMap<>();

	private final AtomicInteger openTotal = new AtomicInteger();

	LiveViews(ViewService views, ViewRepository repository, ChangeSignals signals, Jurisdiction jurisdiction,
			Properties properties, Messages messages, PlatformTransactionManager transactions, MeterRegistry meters) {
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.views = views;
		this.repository = repository;
		this.signals = signals;
		this.jurisdiction = jurisdiction;
		this.properties = properties;
		this.messages = messages;
		this.runs = Counter.builder("bangfu.live.runs")
			.description("Runs of live views: their first and those a change in scope set off")
			.register(meters);
		Gauge.builder("bangfu.live.subscriptions", this.openTotal, AtomicInteger::get)
			.description("Live views open on this instance")
			.register(meters);
	}

	/**
	 * The runs of a view as the session's user: the first at once, then each that differs
	 * from the one before.
	 * @param variables variables that replace the view's own
	 * @return a stream that fails {@code NOT_FOUND} for a view the user may not run,
	 * {@code RATE_LIMITED} past the user's open live views, {@code UNAUTHENTICATED} when
	 * the token expires or the session ends
	 */
	Flux<ViewService.Run> updates(LiveSession session, String id, @Nullable Map<String, Object> variables,
			Locale locale) {
		return Flux.defer(() -> {
			long user = session.user().userKey();
			open(user);
			AtomicReference<Predicate<ChangeSignals.Change>> inScope = new AtomicReference<>((change) -> true);
			AtomicReference<@Nullable Object> last = new AtomicReference<>();
			Flux<ViewService.Run> runs = Flux
				.concat(Mono.just(START), this.signals.changes().filter((change) -> inScope.get().test(change)))
				.onBackpressureLatest()
				// one run at a time, then a pause: what changed meanwhile waits, the
				// latest
				// change only, and sets off one run after it
				.concatMap((trigger) -> run(session, id, variables, locale, inScope)
					.concatWith(Mono.delay(this.properties.minInterval()).then(Mono.empty())), 0)
				.filter((run) -> !Objects.equals(last.getAndSet(answer(run)), answer(run)));
			return Flux.merge(runs, ended(session)).doFinally((signal) -> close(user));
		}).onErrorMap(ApiException.class, (ex) -> localized(ex, locale));
	}

	private Mono<ViewService.Run> run(LiveSession session, String id, @Nullable Map<String, Object> variables,
			Locale locale, AtomicReference<Predicate<ChangeSignals.Change>> inScope) {
		return Mono.fromCallable(() -> session.run(OPERATION, (trail) -> {
			this.runs.increment();
			inScope.set(inScope(this.jurisdiction.current()));
			// a run after a change must see it, not a figure kept from before it
			return this.views.run(id, variables, locale, trail, true);
		})).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Whether a change may move what the user sees: one in a village of the user's
	 * jurisdiction, or tied to none. Unit managers see their cadres' visits wherever they
	 * are: every change counts for them.
	 */
	private Predicate<ChangeSignals.Change> inScope(Scope scope) {
		if (scope.all() || !scope.unitKeys().isEmpty()) {
			return (change) -> true;
		}
		// in a transaction of the user's: postings are read under row-level security
		Set<Long> villages = Set.copyOf(this.readOnly.execute((status) -> this.repository.villagesIn(scope)));
		return (change) -> change.villageKey() == null || villages.contains(change.villageKey());
	}

	/** Fails when the token expires, or when a check finds the session ended. */
	private Flux<ViewService.Run> ended(LiveSession session) {
		Duration untilExpiry = Duration.between(Instant.now(), session.expiresAt());
		Mono<Long> expired = untilExpiry.compareTo(Duration.ofDays(365)) > 0 ? Mono.never()
				: Mono.delay(untilExpiry.isNegative() ? Duration.ZERO : untilExpiry);
		Mono<Long> revoked = Flux
			.interval(this.properties.sessionCheck(), this.properties.sessionCheck(), Schedulers.boundedElastic())
			.filter((tick) -> !session.alive())
			.next();
		return Mono.firstWithSignal(expired, revoked)
			.thenMany(Flux.error(() -> new ApiException(ErrorCode.UNAUTHENTICATED,
					"The access token has expired or its session has ended: subscribe again with a fresh token.")));
	}

	private static List<Object> answer(ViewService.Run run) {
		return java.util.Arrays.asList(run.data(), run.errors());
	}

	private void open(long user) {
		int limit = this.properties.maxSubscriptionsPerUser();
		boolean[] granted = { false };
		this.open.compute(user, (key, n) -> {
			int count = (n != null) ? n : 0;
			granted[0] = count < limit;
			return granted[0] ? count + 1 : n;
		});
		if (!granted[0]) {
			throw new ApiException(ErrorCode.RATE_LIMITED,
					"You have %d live views open, the most one user may: close one first.".formatted(limit));
		}
		this.openTotal.incrementAndGet();
	}

	private void close(long user) {
		this.open.computeIfPresent(user, (key, n) -> (n <= 1) ? null : n - 1);
		this.openTotal.decrementAndGet();
	}

	private ApiException localized(ApiException ex, Locale locale) {
		return new ApiException(ex.code(), this.messages.localize(locale, ex.code().name(), List.of(), ex.getMessage()),
				ex.details());
	}

	/**
	 * How live views behave.
	 *
	 * @param minInterval the shortest time between two runs of one live view
	 * @param maxSubscriptionsPerUser the live views one user may have open at once, on
	 * one instance
	 * @param sessionCheck how often an open live view checks that its session still lives
	 * (it ends at once when the token expires)
	 */
	@ConfigurationProperties("bangfu.live")
	record Properties(@DefaultValue("5s") Duration minInterval, @DefaultValue("5") int maxSubscriptionsPerUser,
			@DefaultValue("60s") Duration sessionCheck) {
	}

}
