package dev.orgkit.inmemory;

import dev.orgkit.EmailAddress;
import java.util.Locale;
import java.util.Optional;

/** How the in-memory stores replace an erased user's address in stored text, as the JDBC stores do. */
final class Erasure {
    private Erasure() {}

    /** Whether {@code text} mentions the address, in any case. */
    static boolean mentions(String text, EmailAddress email) {
        return text.toLowerCase(Locale.ROOT).contains(email.value());
    }

    /** The text unchanged if it does not mention the address; otherwise lower-cased, each mention replaced. */
    static String pseudonymize(String text, EmailAddress email, String pseudonym) {
        return mentions(text, email) ? text.toLowerCase(Locale.ROOT).replace(email.value(), pseudonym) : text;
    }

    /** The same for an optional text. */
    static Optional<String> pseudonymize(Optional<String> text, EmailAddress email, String pseudonym) {
        return text.map(value -> pseudonymize(value, email, pseudonym));
    }
}
