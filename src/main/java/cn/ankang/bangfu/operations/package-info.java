/**
 * What operators see of the running service: request ids in logs and answers, metrics per
 * GraphQL operation, SQL statements per request, the work waiting, and the settings a
 * production run refuses to start without.
 */
@NullMarked
package cn.ankang.bangfu.operations;

import org.jspecify.annotations.NullMarked;
