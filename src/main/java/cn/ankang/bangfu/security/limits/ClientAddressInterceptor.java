package cn.ankang.bangfu.security.limits;

import java.net.InetSocketAddress;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Puts the client's address into the GraphQL context, for sign-in throttling and the
 * session list.
 * <p>
 * Public, with its key, for the sign-in and the audit trail beside the limits, which read
 * the address too.
 */
@Component
public class ClientAddressInterceptor implements WebGraphQlInterceptor {

	/** The GraphQL context's key of the client's address. */
	public static final String KEY = "bangfu.clientAddress";

	/** The client's IP address, if the transport knows it. */
	public static @Nullable String address(WebGraphQlRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String address = address(request);
		if (address != null) {
			request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(KEY, address)).build());
		}
		return chain.next(request);
	}

}
