/**
 * The one error policy: coded errors
 * ({@link cn.ankang.bangfu.shared.errors.ApiException},
 * {@link cn.ankang.bangfu.shared.errors.ErrorCode}) and users' errors of a mutation,
 * answered the same way on GraphQL and on every HTTP endpoint beside it, in the request's
 * language ({@link cn.ankang.bangfu.shared.errors.Messages}).
 */
@NamedInterface("errors")
@NullMarked
package cn.ankang.bangfu.shared.errors;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
