/**
 * What every feature shares, by area: {@code errors} (the one error policy, on GraphQL
 * and on HTTP), {@code http} (GraphQL over HTTP), {@code relay} (global ids, paging,
 * batching, nodes), {@code values} (money, labels, ID numbers, masking, input rules) and
 * {@code graphql} (the engine's setup). Each is a named interface the features use; the
 * clock is here.
 */
@NullMarked
package cn.ankang.bangfu.shared;

import org.jspecify.annotations.NullMarked;
