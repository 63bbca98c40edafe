package dev.orgkit.spi;

/**
 * One read-only storage transaction, handing out the read half of one store per feature. Valid only
 * inside the {@code work} it was given to, and used by one thread at a time. Every store answers
 * from the same transaction, so reads across stores are consistent with each other as the storage's
 * isolation allows (committed data only). Stores never return null; lists may be empty. Lists that
 * take {@code after} and {@code limit} are keyset pages: their cost does not grow with the number of
 * rows before {@code after}.
 *
 * @since 0.1.0
 */
public interface ReadTransaction {

    /** Accounts and the account each user works in. @since 0.2.0 */
    AccountReads accounts();

    /** Memberships of organizations. @since 0.2.0 */
    MemberReads members();

    /** Invitations. @since 0.2.0 */
    InvitationReads invitations();

    /** The invitation mail outbox. @since 0.2.0 */
    DeliveryReads deliveries();

    /** API keys. @since 0.2.0 */
    ApiKeyReads apiKeys();

    /** API-key usage per key and day. @since 0.2.0 */
    UsageReads usage();

    /** Support requests. @since 0.2.0 */
    SupportReads support();

    /** The audit trail. @since 0.2.0 */
    AuditReads audit();

    /** Plans and usage alert settings. @since 0.2.0 */
    PlanReads plans();

    /** The account notice outbox (usage alerts, statements, key expiry notices). @since 0.2.0 */
    NoticeReads notices();
}
