package cn.ankang.bangfu.photo;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of photo uploads.
 *
 * @param directory where photos and partial uploads are kept on disk
 * @param maxBytes the largest photo accepted
 */
@ConfigurationProperties("bangfu.photos")
record PhotoProperties(@DefaultValue(".bangfu/photos") Path directory, @DefaultValue("10485760") long maxBytes) {
}
