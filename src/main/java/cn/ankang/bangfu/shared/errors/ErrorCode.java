package cn.ankang.bangfu.shared.errors;

import graphql.ErrorClassification;

import org.springframework.graphql.execution.ErrorType;

/**
 * The stable codes a client sees in {@code extensions.code}; clients branch on these,
 * never on messages.
 */
public enum ErrorCode {

	/** An argument is outside what the field accepts, e.g. {@code first: 101}. */
	INVALID_ARGUMENT(ErrorType.BAD_REQUEST),

	/** A pagination cursor that this server did not hand out for this list. */
	INVALID_CURSOR(ErrorType.BAD_REQUEST),

	/**
	 * A global id that is not one of ours, or names another type than the argument
	 * expects.
	 */
	INVALID_ID(ErrorType.BAD_REQUEST),

	/** The request carries no valid access token, and the field needs one. */
	UNAUTHENTICATED(ErrorType.UNAUTHORIZED),

	/** The signed-in user's roles do not allow this. */
	FORBIDDEN(ErrorType.FORBIDDEN),

	/** Too many failed sign-ins for an account or from an address; try again later. */
	TOO_MANY_ATTEMPTS(ErrorType.FORBIDDEN),

	/**
	 * The user (or, signed out, the address) has spent the points of their rate limit:
	 * nothing was done; retry after {@code retryAfterSeconds}. Every answer tells the
	 * points left in {@code extensions.rateLimit}.
	 */
	RATE_LIMITED(ErrorType.FORBIDDEN),

	/** The document is longer than the service accepts. */
	DOCUMENT_TOO_LARGE(ErrorType.BAD_REQUEST),

	/**
	 * An uploaded file that cannot be imported as a whole: not a workbook or CSV,
	 * damaged, a zip bomb, a hidden sheet, merged cells, a header without a required
	 * column.
	 */
	INVALID_FILE(ErrorType.BAD_REQUEST),

	/**
	 * The request does not fit the state of what it names: an import committed before its
	 * check passed, or cancelled once committed.
	 */
	INVALID_STATE(ErrorType.BAD_REQUEST),

	/**
	 * A download of a list that cannot be paged through to its end (a list inside another
	 * list, or pages that are no connection): refused before anything is written, rather
	 * than cut short.
	 */
	EXPORT_NOT_PAGEABLE(ErrorType.BAD_REQUEST),

	/** The operation nests fields deeper than the service accepts. */
	QUERY_TOO_DEEP(ErrorType.BAD_REQUEST),

	/**
	 * The operation would fetch more than the service accepts in one request; page
	 * instead.
	 */
	QUERY_TOO_COMPLEX(ErrorType.BAD_REQUEST),

	/** The document selects more fields than the service accepts. */
	TOO_MANY_FIELDS(ErrorType.BAD_REQUEST),

	/** The document uses more aliases than the service accepts. */
	TOO_MANY_ALIASES(ErrorType.BAD_REQUEST),

	/**
	 * An automatic persisted query whose document this service does not know (yet): send
	 * the document along with the hash once.
	 */
	PERSISTED_QUERY_NOT_FOUND(ErrorType.BAD_REQUEST),

	/** A mutation sent with HTTP GET, which is only for queries. */
	MUTATION_OVER_GET(ErrorType.BAD_REQUEST),

	/** The object asked for does not exist. */
	NOT_FOUND(ErrorType.NOT_FOUND),

	/** The document could not be parsed. */
	GRAPHQL_PARSE_FAILED(ErrorType.BAD_REQUEST),

	/**
	 * The document does not fit the schema (unknown field, wrong argument type, missing
	 * variable ...).
	 */
	GRAPHQL_VALIDATION_FAILED(ErrorType.BAD_REQUEST),

	/**
	 * The HTTP request is not a GraphQL request: a body that is not JSON, or JSON without
	 * a string {@code query} (or a persisted query's hash), {@code variables} that are
	 * not an object.
	 */
	INVALID_REQUEST(ErrorType.BAD_REQUEST),

	/** An HTTP method the endpoint does not take (GraphQL takes GET and POST). */
	METHOD_NOT_ALLOWED(ErrorType.BAD_REQUEST),

	/** The request's {@code Accept} names no type the endpoint answers in. */
	NOT_ACCEPTABLE(ErrorType.BAD_REQUEST),

	/** The request's body has a {@code Content-Type} the endpoint does not read. */
	UNSUPPORTED_MEDIA_TYPE(ErrorType.BAD_REQUEST),

	/**
	 * The database did not answer in time (it restarts, or every connection is busy):
	 * nothing was done; retry after {@code retryAfterSeconds}.
	 */
	SERVICE_UNAVAILABLE(ErrorType.INTERNAL_ERROR),

	/** Something failed on our side; the message carries no detail, the log does. */
	INTERNAL(ErrorType.INTERNAL_ERROR);

	private final ErrorType errorType;

	ErrorCode(ErrorType errorType) {
		this.errorType = errorType;
	}

	/** The GraphQL error classification that goes with the code. */
	public ErrorType errorType() {
		return this.errorType;
	}

	/**
	 * The code of an error graphql-java or Spring raised without one, by its
	 * classification.
	 */
	public static ErrorCode of(ErrorClassification classification) {
		if ("PersistedQueryNotFound".equals(classification.toString())) {
			return ErrorCode.PERSISTED_QUERY_NOT_FOUND;
		}
		if ("PersistedQueryIdInvalid".equals(classification.toString())) {
			return ErrorCode.INVALID_ARGUMENT;
		}
		if ("BadFaithIntrospection".equals(classification.toString())) {
			// graphql-java's own guard against introspection that repeats itself to cost
			// the server: a query too costly, like any other
			return ErrorCode.QUERY_TOO_COMPLEX;
		}
		if (classification == graphql.ErrorType.InvalidSyntax) {
			return ErrorCode.GRAPHQL_PARSE_FAILED;
		}
		if (classification == graphql.ErrorType.ValidationError
				|| classification == graphql.ErrorType.OperationNotSupported) {
			return ErrorCode.GRAPHQL_VALIDATION_FAILED;
		}
		if (classification == org.springframework.graphql.execution.ErrorType.BAD_REQUEST) {
			return ErrorCode.INVALID_ARGUMENT;
		}
		if (classification == org.springframework.graphql.execution.ErrorType.UNAUTHORIZED) {
			return ErrorCode.UNAUTHENTICATED;
		}
		if (classification == org.springframework.graphql.execution.ErrorType.FORBIDDEN) {
			return ErrorCode.FORBIDDEN;
		}
		if (classification == org.springframework.graphql.execution.ErrorType.NOT_FOUND) {
			return ErrorCode.NOT_FOUND;
		}
		return ErrorCode.INTERNAL;
	}

}
