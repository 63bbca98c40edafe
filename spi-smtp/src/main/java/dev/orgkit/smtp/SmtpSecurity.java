package dev.orgkit.smtp;

/**
 * How the connection to the SMTP server is protected.
 *
 * @since 0.1.0
 */
public enum SmtpSecurity {
    /** Plain SMTP, for a relay on the same host or a test server only. */
    NONE,
    /** SMTP upgraded with STARTTLS, required (the send fails if the server does not offer it); port 587. */
    STARTTLS,
    /** TLS from the first byte (SMTPS); port 465. */
    TLS
}
