/**
 * The append-only audit trail, and the masking of personal data whose reads in full it
 * records: what each request changed and which personal data it served unmasked,
 * collected on the request's {@link AuditTrail} (GraphQL) or written by {@link HttpAudit}
 * (the HTTP paths beside it), and read back by admins. A package of its own, and a named
 * interface, because every feature writes to it: a mutation names what it changed, a
 * resolver that serves personal data notes the read. It takes the signed-in user from the
 * root package's public types and nothing else of sign-in.
 */
@NamedInterface("audit")
@NullMarked
package cn.ankang.bangfu.security.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
