package dev.orgkit.spring.boot.autoconfigure.internal;

import java.util.regex.Pattern;

/** JDBC URLs fit for a log or an error message: every password replaced by {@code ****}. */
public final class JdbcUrls {
    /** {@code password=...} in a query string or in H2's {@code ;PASSWORD=...} settings. */
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)((?:password|passwd|pwd)\\s*=)[^&;]*");
    /** {@code //user:password@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?;]*:)[^@/?;]*@");

    private JdbcUrls() {}

    /** {@code text} with every password of a JDBC URL in it replaced by {@code ****}. */
    public static String redact(String text) {
        String redacted = PASSWORD_PARAMETER.matcher(text).replaceAll("$1****");
        return USER_INFO.matcher(redacted).replaceAll("$1****@");
    }
}
