package cn.ankang.bangfu.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL used when no datasource is configured.
 *
 * @param dataDirectory where the embedded server keeps its data between runs
 */
@ConfigurationProperties("bangfu.embedded-postgres")
record EmbeddedPostgresProperties(@DefaultValue(".bangfu/postgres") Path dataDirectory) {
}
