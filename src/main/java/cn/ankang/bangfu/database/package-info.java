/**
 * Where the data lives when no PostgreSQL server is configured: a real, embedded
 * PostgreSQL.
 */
@NullMarked
package cn.ankang.bangfu.database;

import org.jspecify.annotations.NullMarked;
