package cn.ankang.bangfu.security;

import java.util.List;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.audit.AuditTrail;
import cn.ankang.bangfu.security.limits.ClientAddressInterceptor;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.graphql.GraphQlTypeName;
import cn.ankang.bangfu.shared.relay.NodeLoader;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of accounts and sessions.
 */
@Controller
class SecurityController {

	private final SessionService sessions;

	private final AccountService accounts;

	private final Colleagues colleagues;

	SecurityController(SessionService sessions, AccountService accounts, Colleagues colleagues) {
		this.colleagues = colleagues;
		this.sessions = sessions;
		this.accounts = accounts;
	}

	@MutationMapping
	Payloads.LoginPayload login(@Argument LoginInput input,
			@ContextValue(name = ClientAddressInterceptor.KEY, required = false) @Nullable String clientAddress,
			GraphQLContext context) {
		Payloads.LoginPayload payload = this.sessions.login(input.username(), input.password(), input.deviceName(),
				clientAddress);
		if (payload.user() != null) {
			AuditTrail.of(context).actor(payload.user().key());
			AuditTrail.of(context).target(payload.user().id());
		}
		return payload;
	}

	@MutationMapping
	Payloads.RefreshSessionPayload refreshSession(@Argument RefreshSessionInput input) {
		return this.sessions.refresh(input.refreshToken());
	}

	@MutationMapping
	Payloads.LogoutPayload logout() {
		return this.sessions.logout();
	}

	@MutationMapping
	Payloads.RevokeSessionPayload revokeSession(@Argument RevokeSessionInput input, GraphQLContext context) {
		AuditTrail.of(context).target(input.sessionId());
		return this.sessions.revoke(input.sessionId());
	}

	@MutationMapping
	Payloads.RevokeUserSessionsPayload revokeUserSessions(@Argument UserInput input, GraphQLContext context) {
		AuditTrail.of(context).target(input.userId());
		return this.sessions.revokeAllOf(GlobalId.decodeNumeric(input.userId(), Account.TYPE));
	}

	@MutationMapping
	Payloads.UserPayload createUser(@Argument CreateUserInput input, GraphQLContext context) {
		Payloads.UserPayload payload = this.accounts.create(input.username(), input.password(), input.displayName(),
				input.cadreId());
		if (payload.user() != null) {
			AuditTrail.of(context).target(payload.user().id());
		}
		return payload;
	}

	@MutationMapping
	Payloads.UserPayload grantRole(@Argument GrantRoleInput input, GraphQLContext context) {
		AuditTrail.of(context).target(input.userId());
		return this.accounts.grant(GlobalId.decodeNumeric(input.userId(), Account.TYPE), input.spec());
	}

	@MutationMapping
	Payloads.UserPayload revokeRole(@Argument GrantRoleInput input, GraphQLContext context) {
		AuditTrail.of(context).target(input.userId());
		return this.accounts.revoke(GlobalId.decodeNumeric(input.userId(), Account.TYPE), input.spec());
	}

	@MutationMapping
	Payloads.UserPayload resetPassword(@Argument ResetPasswordInput input, GraphQLContext context) {
		AuditTrail.of(context).target(input.userId());
		return this.accounts.resetPassword(GlobalId.decodeNumeric(input.userId(), Account.TYPE), input.newPassword());
	}

	@QueryMapping
	Viewer me() {
		CurrentUser user = Auth.require();
		Account account = this.accounts.accountsByKeys(List.of(user.userKey())).get(user.userKey());
		return new Viewer(account, this.sessions.session(user.sessionId()).orElseThrow());
	}

	@QueryMapping
	List<Colleagues.Colleague> colleagues(@Argument String search, @Argument @Nullable Integer first) {
		return this.colleagues.find(search, first);
	}

	@QueryMapping
	List<Session> mySessions() {
		return this.sessions.mySessions();
	}

	@QueryMapping
	Connection<Account> users(@Argument @Nullable Integer first, @Argument @Nullable String after,
			DataFetchingFieldSelectionSet selection) {
		return this.accounts.users(PageRequest.of(first, after), selection.contains("totalCount"));
	}

	@BatchMapping(typeName = "User")
	Map<Account, List<RoleGrant>> roles(List<Account> users) {
		Map<Long, List<RoleGrant>> byUser = this.accounts.grantsOf(users.stream().map(Account::key).toList());
		return Batching.mapEach(users, (user) -> byUser.getOrDefault(user.key(), List.of()));
	}

	record LoginInput(String username, String password, String deviceName) {
	}

	record RefreshSessionInput(String refreshToken) {
	}

	record RevokeSessionInput(String sessionId) {
	}

	record UserInput(String userId) {
	}

	record CreateUserInput(String username, String password, String displayName, @Nullable String cadreId) {
	}

	record GrantRoleInput(String userId, Role role, @Nullable String cityCode, @Nullable String countyCode,
			@Nullable String townCode, @Nullable String unitId) {

		AccountService.GrantSpec spec() {
			return new AccountService.GrantSpec(this.role, this.cityCode, this.countyCode, this.townCode, this.unitId);
		}

	}

	record ResetPasswordInput(String userId, String newPassword) {
	}

	/**
	 * Lets {@code node(id)} find users.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Nodes {

		@Bean
		NodeLoader userNodes(AccountService accounts) {
			return NodeLoader.numeric(Account.TYPE, accounts::accountsByKeys);
		}

		@Bean
		GraphQlTypeName userTypeName() {
			return new GraphQlTypeName(Account.class, Account.TYPE);
		}

	}

}
