/**
 * GraphQL over HTTP: the rules of the transport (methods, media types, sizes, status
 * codes), GET queries and their caching, gzip request bodies.
 */
@NamedInterface("http")
@NullMarked
package cn.ankang.bangfu.shared.http;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
