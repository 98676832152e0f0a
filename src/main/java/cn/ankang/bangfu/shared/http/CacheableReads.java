package cn.ankang.bangfu.shared.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import cn.ankang.bangfu.shared.values.Digests;

/**
 * When a query sent by GET may be kept by the client, and for how long. Every GET answer
 * without errors to a signed-in user is its {@code data} alone (no per-request
 * extensions, so that the same data is the same bytes) with a strong {@code ETag} (the
 * SHA-256 of those bytes) and {@code Cache-Control: private}: only the user's own device
 * may keep it, never a proxy. A query that reads only reference data
 * ({@link #REFERENCE_FIELDS}) may be reused for {@code bangfu.http.reference-max-age}
 * without asking; any other is {@code no-cache}, to be asked again each time. A request
 * whose {@code If-None-Match} names the answer's tag gets 304 without a body, but only
 * after the query ran in full: what it read is audited as for a 200, by the same
 * interceptor before the answer is compared. POST, mutations, and answers with errors get
 * no tag and stay {@code no-store} (the security headers' default, written only where an
 * answer set no {@code Cache-Control} of its own).
 */
@Component
class CacheableReads extends SimplePerformantInstrumentation {

	static final String REFERENCE = CacheableReads.class.getName() + ".reference";

	/**
	 * The fields of reference data, as {@code Type.field}: areas, the cadre's own list of
	 * villages, and the schema itself (every introspection field, so enums and their
	 * descriptions too). A GET query qualifies for {@code max-age} when every field it
	 * selects, at every depth, is here; a village's households or a county's projects are
	 * not, so a query that reaches them is {@code no-cache}. Add a field only when it
	 * changes rarely and a few minutes' staleness misleads nobody.
	 */
	static final Set<String> REFERENCE_FIELDS = Set.of("Query.counties", "Query.county", "Query.town", "Query.village",
			"Query.villages", "Query.me", "Viewer.postedVillages", "City.id", "City.code", "City.name", "City.counties",
			"County.id", "County.code", "County.name", "County.kind", "County.keyDesignation", "County.city",
			"County.towns", "Town.id", "Town.code", "Town.name", "Town.kind", "Town.keyDesignation", "Town.county",
			"Town.villages", "Village.id", "Village.code", "Village.name", "Village.kind", "Village.keyDesignation",
			"Village.town", "Village.latitude", "Village.longitude", "VillageConnection.edges",
			"VillageConnection.pageInfo", "VillageConnection.totalCount", "VillageEdge.cursor", "VillageEdge.node",
			"PageInfo.hasNextPage", "PageInfo.hasPreviousPage", "PageInfo.startCursor", "PageInfo.endCursor");

	// as server.compression.min-response-size: smaller answers are not worth the header
	private static final int GZIP_ABOVE = 1024;

	private final Duration referenceMaxAge;

	private final JsonMapper json;

	CacheableReads(@Value("${bangfu.http.reference-max-age:300s}") Duration referenceMaxAge, JsonMapper json) {
		this.referenceMaxAge = referenceMaxAge;
		this.json = json;
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext context = parameters.getExecutionContext();
		if (Boolean.TRUE.equals(context.getGraphQLContext().get(HttpTransport.VIA_GET))
				&& context.getOperationDefinition().getOperation() == OperationDefinition.Operation.QUERY) {
			context.getGraphQLContext().put(REFERENCE, referenceOnly(context));
		}
		return SimpleInstrumentationContext.noOp();
	}

	/** Whether every field the operation selects, through its fragments, is reference. */
	private static boolean referenceOnly(ExecutionContext context) {
		boolean[] reference = { true };
		QueryTraverser.newQueryTraverser()
			.schema(context.getGraphQLSchema())
			.root(context.getOperationDefinition())
			.rootParentType(context.getGraphQLSchema().getQueryType())
			.fragmentsByName(context.getFragmentsByName())
			.coercedVariables(context.getCoercedVariables())
			.build()
			.visitPreOrder(new QueryVisitorStub() {
				@Override
				public void visitField(QueryVisitorFieldEnvironment field) {
					String name = field.getField().getName();
					String type = field.getFieldsContainer().getName();
					if (!name.startsWith("__") && !type.startsWith("__")
							&& !REFERENCE_FIELDS.contains(type + "." + name)) {
						reference[0] = false;
					}
				}
			});
		return reference[0];
	}

	/**
	 * The HTTP answer to a query sent by GET: with its tag and how long it may be kept
	 * when it qualifies, 304 when the client holds it already, else as it stands.
	 * @param request the GET request
	 * @param response the executed query's answer
	 * @param status the answer's status
	 * @return the HTTP answer
	 */
	ServerResponse answer(ServerRequest request, WebGraphQlResponse response, HttpStatus status) {
		String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		// a request with a bearer token that did not hold was answered 401 before: one
		// that reaches here with it is the signed-in user's
		boolean signedIn = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
		if (status != HttpStatus.OK || !signedIn || !response.isValid() || !response.getErrors().isEmpty()) {
			return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).body(response.toMap());
		}
		// the data alone: the extensions (the rate limit's count, the request's id)
		// change
		// from one request to the next, and a tag names bytes that stay the same
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("data", response.getData());
		byte[] body = this.json.writeValueAsBytes(data);
		boolean reference = Boolean.TRUE.equals(response.getExecutionInput().getGraphQLContext().get(REFERENCE));
		String cacheControl = reference ? "private, max-age=" + this.referenceMaxAge.toSeconds() : "private, no-cache";
		// Tomcat compresses no answer with a strong tag (the tag names the bytes), so the
		// answer is packed here, and the packed bytes get a tag of their own
		boolean gzip = body.length > GZIP_ABOVE && acceptsGzip(request.headers().header(HttpHeaders.ACCEPT_ENCODING));
		String tag = "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256().digest(body))
				+ (gzip ? "-gzip\"" : "\"");
		boolean notModified = matches(request.headers().header(HttpHeaders.IF_NONE_MATCH), tag);
		ServerResponse.BodyBuilder answer = notModified ? ServerResponse.status(HttpStatus.NOT_MODIFIED)
				: ServerResponse.ok().contentType(MediaType.APPLICATION_JSON);
		answer.eTag(tag)
			.header(HttpHeaders.CACHE_CONTROL, cacheControl)
			// the answer is the signed-in user's, in the language asked, packed or not
			.header(HttpHeaders.VARY, "Authorization, Accept-Language, Accept-Encoding");
		if (notModified) {
			return answer.build();
		}
		if (gzip) {
			return answer.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(gzip(body));
		}
		return answer.body(body);
	}

	/**
	 * If-None-Match compares weakly (RFC 9110, 13.1.2): a {@code W/} prefix is ignored.
	 */
	static boolean matches(List<String> ifNoneMatch, String tag) {
		for (String header : ifNoneMatch) {
			for (String candidate : header.split(",")) {
				String trimmed = candidate.strip();
				if (trimmed.startsWith("W/")) {
					trimmed = trimmed.substring(2);
				}
				if (trimmed.equals("*") || trimmed.equals(tag)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean acceptsGzip(List<String> acceptEncoding) {
		for (String header : acceptEncoding) {
			for (String coding : header.split(",")) {
				String[] parts = coding.split(";");
				if (parts[0].strip().equalsIgnoreCase("gzip")
						&& !(parts.length > 1 && parts[1].replace(" ", "").matches("q=0(\\.0*)?"))) {
					return true;
				}
			}
		}
		return false;
	}

	private static byte[] gzip(byte[] body) {
		ByteArrayOutputStream packed = new ByteArrayOutputStream(body.length / 4 + 64);
		try (GZIPOutputStream out = new GZIPOutputStream(packed)) {
			out.write(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Writing to memory does not fail", ex);
		}
		return packed.toByteArray();
	}

}
