package dev.orgkit.jdbc;

/**
 * A keyset page query, built once per dialect: {@code first} reads the first page (parameters: the
 * account id, the limit), {@code next} the page after a cursor (the account id, the cursor, the
 * limit). Run it with {@link Sql#page}.
 */
record KeysetPage(String first, String next) {

    /**
     * The pages of {@code select}, a {@code SELECT ... WHERE} whose only parameter is the account id
     * and that fixes the leading columns {@code fixed} of an index on ({@code fixed}, {@code key}),
     * by {@code key}: ordered as the dialect needs to read that index in order, without sorting.
     */
    static KeysetPage of(Dialect dialect, String select, String fixed, String key) {
        String order = " ORDER BY " + dialect.keysetOrder(fixed, key) + " LIMIT ?";
        return new KeysetPage(select + order, select + " AND " + key + " > ?" + order);
    }
}
