/**
 * The GraphQL engine's own setup: scalars, the schema's contract checks, type names, the
 * chain of instrumentations, the query strategy that completes lists in one pass.
 */
@NamedInterface("graphql")
@NullMarked
package cn.ankang.bangfu.shared.graphql;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
