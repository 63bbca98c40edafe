package dev.orgkit.plan;

/**
 * Writes CSV as RFC 4180 says (comma-separated, CRLF after every line, a field quoted when it holds
 * a comma, a quote, CR or LF, quotes doubled), and safe to open in a spreadsheet: a field that
 * starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is prefixed
 * with {@code '} so that it is shown as text, not run as a formula (OWASP's advice on CSV
 * injection). Not thread-safe.
 */
final class Csv {
    private final StringBuilder out = new StringBuilder();
    private final int columns;

    /** Starts a document with its header line. */
    Csv(String... header) {
        this.columns = header.length;
        row(header);
    }

    /** Appends one line; it must have as many fields as the header. */
    Csv row(String... fields) {
        if (fields.length != columns) {
            throw new IllegalArgumentException("a line has " + columns + " fields, not " + fields.length);
        }
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields[i]));
        }
        out.append("\r\n");
        return this;
    }

    /** One field, neutralized and quoted as needed. */
    static String field(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** The document. */
    @Override
    public String toString() {
        return out.toString();
    }
}
