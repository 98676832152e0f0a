package cn.ankang.bangfu.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts through the real HTTP endpoint: only admins make them and grant their roles,
 * bound as each role must be; a password reset ends the user's sessions.
 */
class AccountApiTests extends SessionTestSupport {

	@Test
	void onlyAdminsManageAccounts() {
		assertError(as("demo-leader").document(
				"""
						mutation { createUser(input: {username: "sneaky", password: "0123456789", displayName: "x"}) { user { id } } }"""),
				"FORBIDDEN");
		assertError(as("demo-dev").document("{ users { totalCount } }"), "FORBIDDEN");
		String username = newUser("granted");
		var admin = as("demo-admin");
		admin.document("""
				mutation($id: ID!) { grantRole(input: {userId: $id, role: TOWN_OFFICER, townCode: "610902101"}) {
				  user { roles { role town { code } } } userErrors { code } } }""")
			.variable("id", userId(username))
			.execute()
			.path("grantRole.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND");
		String town = sqlString("select code from town order by code limit 1");
		admin
			.document(
					"""
							mutation($id: ID!, $town: String) { grantRole(input: {userId: $id, role: TOWN_OFFICER, townCode: $town}) {
							  user { roles { role town { code } } } userErrors { code } } }""")
			.variable("id", userId(username))
			.variable("town", town)
			.execute()
			.path("grantRole.user.roles[0].town.code")
			.entity(String.class)
			.isEqualTo(town);
		admin.document("""
				mutation($id: ID!) { grantRole(input: {userId: $id, role: COUNTY_OFFICER, townCode: "610902001"}) {
				  userErrors { code field } } }""")
			.variable("id", userId(username))
			.execute()
			.path("grantRole.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_INPUT");
		admin.document(
				"""
						mutation($id: ID!) { grantRole(input: {userId: $id, role: FIRST_SECRETARY}) { userErrors { code } } }""")
			.variable("id", userId(username))
			.execute()
			.path("grantRole.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_INPUT");
		admin.document("""
				mutation { createUser(input: {username: "demo-admin", password: "0123456789", displayName: "x"}) {
				  userErrors { code } } }""")
			.execute()
			.path("createUser.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("USERNAME_TAKEN");
		admin.document("""
				mutation { createUser(input: {username: "short-password", password: "123", displayName: "x"}) {
				  userErrors { code field } } }""")
			.execute()
			.path("createUser.userErrors[0].field")
			.entityList(String.class)
			.isEqualTo(List.of("input", "password"));
		assertThat(sqlString("select password_hash from app_user where username = '" + username + "'"))
			.startsWith("{bcrypt}");
	}

	@Test
	void aPasswordResetEndsTheUsersSessions() {
		String username = newUser("forgetful");
		String access = (String) loginTokens(username).get("accessToken");
		as("demo-admin").document(
				"""
						mutation($id: ID!) { resetPassword(input: {userId: $id, newPassword: "a-new-password"}) { userErrors { code } } }""")
			.variable("id", userId(username))
			.execute()
			.path("resetPassword.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		assertRefused(access);
		assertThat(login(username, "a-new-password")).isNotBlank();
	}

}
