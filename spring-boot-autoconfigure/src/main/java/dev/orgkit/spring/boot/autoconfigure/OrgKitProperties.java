package dev.orgkit.spring.boot.autoconfigure;

import dev.orgkit.spring.boot.autoconfigure.internal.InvitationLinkTemplate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * orgkit's settings under {@code orgkit.*}, validated when the application starts: a wrong value
 * stops it with the property's name.
 *
 * @param apiKeyPrefix the prefix of every API key (acme gives acme_live_...): 1 to 16
 *     lower-case letters or digits; choose it once, keys with another prefix are MALFORMED
 * @param invitationLink the accept link of invitation mails, an absolute http or
 *     https URL with {token} where the token goes, such as
 *     https://app.example/invitations/{token}; required when orgkit sends mail
 * @param invitationTtl how long an invitation link works: more than zero, at most 30 days
 * @param supportRequestTtl how long a support request waits for a decision: more than zero, at most 90 days
 * @param organizationRestoreWindow how long support may restore a deleted organization before it is
 *     purged: more than zero, at most 365 days
 * @param membersManageApiKeys whether organization members, not only admins, manage API keys (R12)
 * @param apiKeys what orgkit does around API keys' lifetimes
 * @param delivery the outbox of invitation mails
 * @param usage the flushing of API key usage
 * @param jdbc the JDBC storage, used when the application has a DataSource
 * @param mail the mailer on Spring's JavaMailSender
 * @since 0.2.0
 */
@ConfigurationProperties("orgkit")
@Validated
public record OrgKitProperties(
        @DefaultValue("ok") @Pattern(regexp = "[a-z0-9]{1,16}", message = "must be 1 to 16 lower-case letters or digits")
        String apiKeyPrefix,
        @InvitationLinkTemplate @Nullable String invitationLink,
        @DefaultValue("7d") @DurationMin(nanos = 1) @DurationMax(days = 30) Duration invitationTtl,
        @DefaultValue("14d") @DurationMin(nanos = 1) @DurationMax(days = 90) Duration supportRequestTtl,
        @DefaultValue("30d") @DurationMin(nanos = 1) @DurationMax(days = 365) Duration organizationRestoreWindow,
        @DefaultValue("false") boolean membersManageApiKeys,
        @DefaultValue @Valid ApiKeys apiKeys,
        @DefaultValue @Valid Delivery delivery,
        @DefaultValue @Valid Usage usage,
        @DefaultValue @Valid Jdbc jdbc,
        @DefaultValue @Valid Mail mail) {

    /**
     * The outbox of invitation mails: a background dispatcher sends what is due, and failed attempts
     * are retried with an exponential backoff.
     *
     * @param dispatchInterval the pause between two rounds of the background dispatcher: more than zero, at most one day
     * @param backoffBase the wait before the first retry: more than zero
     * @param backoffCap the longest wait between retries: at least backoffBase
     * @param maxAttempts attempts before a mail is given up: 1 to 100
     * @param lease how long one attempt holds its claim: longer than the mailer's worst case
     * @since 0.2.0
     */
    public record Delivery(
            @DefaultValue("30s") @DurationMin(millis = 1) @DurationMax(days = 1) Duration dispatchInterval,
            @DefaultValue("1m") @DurationMin(nanos = 1) Duration backoffBase,
            @DefaultValue("6h") @DurationMin(nanos = 1) Duration backoffCap,
            @DefaultValue("10") @Min(1) @Max(100) int maxAttempts,
            @DefaultValue("5m") @DurationMin(nanos = 1) Duration lease) {}

    /**
     * What orgkit does around API keys' lifetimes.
     *
     * @param expiryNotice how long before an API key expires its expiry notice is mailed to the
     *     account's alerting email, once per key: at most 90 days; 0 mails none
     * @since 0.2.0
     */
    public record ApiKeys(@DefaultValue("7d") @DurationMin(nanos = 0) @DurationMax(days = 90) Duration expiryNotice) {}

    /**
     * The flushing of API key usage, counted in memory on each verification.
     *
     * @param flushInterval how often counted usage is written: 100 ms to 1 hour; at most this much
     *     is lost if the process dies (a clean shutdown flushes everything)
     * @since 0.2.0
     */
    public record Usage(@DefaultValue("10s") @DurationMin(millis = 100) @DurationMax(hours = 1) Duration flushInterval) {}

    /**
     * The JDBC storage.
     *
     * @param migrate whether to apply orgkit's bundled migrations at start; turn it off when the
     *     application's Flyway runs {@code classpath:db/orgkit/<postgresql|mariadb|h2>}
     * @param apiKeyCache the cache of verify
     * @since 0.2.0
     */
    public record Jdbc(@DefaultValue("true") boolean migrate, @DefaultValue @Valid ApiKeyCache apiKeyCache) {}

    /**
     * The verification cache: keys served from memory while fresh. A revocation through this
     * instance is seen at once; through another instance, as soon as the cache hears of it (on
     * PostgreSQL at once; on MariaDB and H2 within {@code changePollInterval}), and never later than
     * {@code timeToLive}.
     *
     * @param enabled whether verify is served from the cache
     * @param maxEntries the most keys kept: 1 to 10,000,000
     * @param timeToLive how long a key is served after it was read: more than zero, at most 5 minutes
     * @param changePollInterval how often, on MariaDB and H2, the cache reads whether another instance
     *     revoked or rolled a key: 10 ms to 1 minute
     * @since 0.2.0
     */
    public record ApiKeyCache(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("100000") @Min(1) @Max(10_000_000) int maxEntries,
            @DefaultValue("30s") @DurationMin(nanos = 1) @DurationMax(minutes = 5) Duration timeToLive,
            @DefaultValue("1s") @DurationMin(millis = 10) @DurationMax(minutes = 1) Duration changePollInterval) {}

    /**
     * The mailer on Spring's {@code JavaMailSender} ({@code spring.mail.*}).
     *
     * @param from the sender of invitation mails, such as invitations@app.example; required
     *     when that mailer is used
     * @param fromName the sender's display name, such as Example App
     * @since 0.2.0
     */
    public record Mail(@Email @Nullable String from, @Nullable String fromName) {}
}
