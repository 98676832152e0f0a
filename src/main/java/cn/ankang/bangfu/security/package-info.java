/**
 * Accounts, roles bound to jurisdictions, sign-in sessions for phones with JWT access
 * tokens and rotating refresh tokens, and the rule that every field but sign-in needs a
 * signed-in user.
 */
@NullMarked
package cn.ankang.bangfu.security;

import org.jspecify.annotations.NullMarked;
