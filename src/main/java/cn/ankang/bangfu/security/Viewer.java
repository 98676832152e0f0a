package cn.ankang.bangfu.security;

/**
 * The signed-in user as seen by themselves.
 *
 * @param user the account
 * @param session the session of the access token in use
 */
public record Viewer(Account user, Session session) {
}
