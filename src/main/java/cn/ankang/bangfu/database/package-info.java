/**
 * Where the data lives when no PostgreSQL server is configured (a real, embedded
 * PostgreSQL), and the read replica the leaders' figures are read from when one is.
 */
@NullMarked
package cn.ankang.bangfu.database;

import org.jspecify.annotations.NullMarked;
