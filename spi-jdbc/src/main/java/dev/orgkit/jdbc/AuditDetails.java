package dev.orgkit.jdbc;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The details of an audit event in one text column, as {@code application/x-www-form-urlencoded}
 * pairs sorted by name ({@code email=bob%40example.com&role=MEMBER}): readable in SQL, exact for
 * any text, and parsed without a JSON library.
 */
final class AuditDetails {
    private AuditDetails() {}

    static String encode(Map<String, String> details) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : new TreeMap<>(details).entrySet()) {
            if (text.length() > 0) {
                text.append('&');
            }
            text.append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> details = new HashMap<>();
        if (text.isEmpty()) {
            return details;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            details.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return details;
    }
}
