/**
 * Accounts, roles bound to jurisdictions, sign-in sessions for phones with JWT access
 * tokens and rotating refresh tokens, and the rule that every field but sign-in needs a
 * signed-in user. The audit trail and masking ({@code audit}), the request and rate
 * limits ({@code limits}) and who may see which row ({@code jurisdiction}) are
 * sub-packages of their own.
 */
@NullMarked
package cn.ankang.bangfu.security;

import org.jspecify.annotations.NullMarked;
