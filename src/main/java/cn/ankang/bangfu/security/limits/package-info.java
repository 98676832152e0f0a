/**
 * Bounds on what one client can make the service do: the limits checked before an
 * operation runs (size, fields, aliases, depth, cost), the points each operation spends
 * from its user's rate limit, and the throttle of failed sign-ins, with the buckets kept
 * in PostgreSQL so that every instance counts against the same ones. A package below
 * sign-in: sign-in uses the throttle and says who is calling ({@link Caller}), and
 * nothing here knows accounts or sessions, so the limits can change without touching
 * them. Only the security module uses it: no named interface.
 */
@NullMarked
package cn.ankang.bangfu.security.limits;

import org.jspecify.annotations.NullMarked;
