package cn.ankang.bangfu.graphiql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the GraphiQL page.
 *
 * @param enabled whether {@code /graphiql} is served; when false, it and everything under
 * it answer 404 (a production run may turn it off)
 */
@ConfigurationProperties("bangfu.graphiql")
record GraphiQlProperties(@DefaultValue("true") boolean enabled) {
}
