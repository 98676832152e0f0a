package cn.ankang.bangfu.database;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the read replica is: a PostgreSQL streaming replica (hot standby) of the
 * service's database. None unless {@code url} is set. Its pool takes the
 * {@code bangfu.datasource.replica.hikari.*} settings, as the primary's takes
 * {@code spring.datasource.hikari.*}.
 *
 * @param url the replica's JDBC address; none (no replica) when blank
 * @param username the user to connect as: a member of {@code bangfu_app}, as the
 * primary's user is (on a streaming replica the roles are the primary's)
 * @param password that user's password
 */
@ConfigurationProperties("bangfu.datasource.replica")
record ReplicaProperties(@Nullable String url, @Nullable String username, @Nullable String password) {
}
