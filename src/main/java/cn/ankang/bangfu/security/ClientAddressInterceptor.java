package cn.ankang.bangfu.security;

import java.net.InetSocketAddress;
import java.util.Map;

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

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote != null && remote.getAddress() != null) {
			String address = remote.getAddress().getHostAddress();
			request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(KEY, address)).build());
		}
		return chain.next(request);
	}

}
