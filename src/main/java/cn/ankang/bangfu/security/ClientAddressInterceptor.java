package cn.ankang.bangfu.security;

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
 */
@Component
class ClientAddressInterceptor implements WebGraphQlInterceptor {

	static final String KEY = "bangfu.clientAddress";

	/** The client's IP address, if the transport knows it. */
	static @Nullable String address(WebGraphQlRequest request) {
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
