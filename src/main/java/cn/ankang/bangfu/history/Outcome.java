package cn.ankang.bangfu.history;

import java.util.List;
import java.util.function.Function;

import graphql.GraphQLContext;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.audit.AuditTrail;
import cn.ankang.bangfu.shared.errors.UserError;

/**
 * What a change to a record came to: the record after it, or why it was refused (and the
 * record as it stands, where there is one to show).
 *
 * @param <T> the record's type
 * @param value the record after the change, or as it stands
 * @param userErrors why the change was refused; empty when it was made
 */
public record Outcome<T>(@Nullable T value, List<UserError> userErrors) {

	/** The change was made. */
	public static <T> Outcome<T> done(T value) {
		return new Outcome<>(value, List.of());
	}

	/** The change was refused; nothing of it is kept. */
	public static <T> Outcome<T> refused(@Nullable T value, List<UserError> errors) {
		return new Outcome<>(value, List.copyOf(errors));
	}

	/** The change was refused for one reason. */
	public static <T> Outcome<T> refused(@Nullable T value, UserError error) {
		return new Outcome<>(value, List.of(error));
	}

	/**
	 * Puts the changed record on the request's audit trail when the change was made, and
	 * returns the outcome.
	 * @param id the record's global id
	 */
	public Outcome<T> audit(GraphQLContext context, Function<T, String> id) {
		if (!isRefused() && this.value != null) {
			AuditTrail.of(context).target(id.apply(this.value));
		}
		return this;
	}

	/** Whether the change was refused. */
	public boolean isRefused() {
		return !this.userErrors.isEmpty();
	}

}
