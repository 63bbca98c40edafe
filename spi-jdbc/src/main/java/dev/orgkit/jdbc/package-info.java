/**
 * JDBC storage for PostgreSQL, MariaDB/MySQL and H2: {@link dev.orgkit.jdbc.JdbcStorage}, with its
 * schema shipped as versioned migrations under {@code db/orgkit/<dialect>/}.
 */
@NullMarked
package dev.orgkit.jdbc;

import org.jspecify.annotations.NullMarked;
