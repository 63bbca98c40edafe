package dev.orgkit.jdbc;

/**
 * A keyset page query, built once per dialect: {@code first} reads the first page (parameters: the
 * account id, the limit), {@code next} the page after a cursor (the account id, the cursor, the limit).
 */
record KeysetPage(String first, String next) {}
