package dev.orgkit.smtp;

/**
 * The SMTP server could not be reached or refused the mail. orgkit records it on the delivery
 * (with the token redacted) and retries later.
 *
 * @since 0.1.0
 */
public class SmtpMailException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the mail library's failure as the cause. */
    public SmtpMailException(String message, Throwable cause) {
        super(message, cause);
    }
}
