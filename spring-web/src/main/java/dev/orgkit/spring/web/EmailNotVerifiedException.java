package dev.orgkit.spring.web;

/**
 * The caller is signed in, but the identity provider has not verified their email address, so
 * orgkit cannot act for them (invitations are accepted by verified address only). The HTTP API
 * answers 403 with the code {@code EMAIL_NOT_VERIFIED}. Thrown by principal resolvers.
 *
 * @since 0.2.0
 */
public class EmailNotVerifiedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message is shown to the caller, so it must name no secret. */
    public EmailNotVerifiedException(String message) {
        super(message);
    }
}
