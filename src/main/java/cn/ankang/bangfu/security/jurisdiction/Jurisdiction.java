package cn.ankang.bangfu.security.jurisdiction;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.ankang.bangfu.security.Auth;

/**
 * The scope of the request being served, for repositories that read households and
 * visits. Every such statement takes its predicates from here: one mechanism, below the
 * controllers, that lists, node lookups and nested fields all go through.
 */
@Component
public class Jurisdiction {

	private final Clock clock;

	private final boolean applicationFilter;

	Jurisdiction(Clock clock, @Value("${bangfu.security.application-filter:true}") boolean applicationFilter) {
		this.clock = clock;
		this.applicationFilter = applicationFilter;
	}

	/** The signed-in user's scope; nothing when no one is signed in. */
	public Scope current() {
		LocalDate today = LocalDate.now(this.clock);
		return Auth.current().map((user) -> Scope.of(user, today)).orElseGet(() -> Scope.none(today));
	}

	/**
	 * The scope the application's own SQL filters by. A test switches the application's
	 * filter off ({@code bangfu.security.application-filter=false}) to prove that
	 * PostgreSQL's policies alone keep rows out; nothing else should.
	 */
	public Scope forQueries() {
		return this.applicationFilter ? current() : everything();
	}

	/** Every village in scope, as of today: the service's own upkeep. */
	Scope everything() {
		return new Scope(true, java.util.List.of(), java.util.List.of(), java.util.List.of(), null, java.util.List.of(),
				LocalDate.now(this.clock));
	}

}
