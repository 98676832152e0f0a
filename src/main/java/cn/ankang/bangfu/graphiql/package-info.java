/**
 * GraphiQL for developers at {@code /graphiql}, served from the jar with everything it
 * loads, and signed in through the API.
 */
@NullMarked
package cn.ankang.bangfu.graphiql;

import org.jspecify.annotations.NullMarked;
