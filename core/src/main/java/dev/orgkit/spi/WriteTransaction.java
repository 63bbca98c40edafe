package dev.orgkit.spi;

/**
 * One read-write storage transaction, handing out one store per feature. Writes take effect for
 * later reads of the same transaction (through any of its stores), and for everyone else when it
 * commits. A write that would break a uniqueness the storage enforces throws
 * {@link dev.orgkit.StorageException}; services check the rules first, under
 * {@link AccountStore#lock}, so that only happens when something else wrote.
 *
 * @since 0.1.0
 */
public interface WriteTransaction extends ReadTransaction {

    /** Accounts, the account lock, and the account each user works in. @since 0.2.0 */
    @Override
    AccountStore accounts();

    /** Memberships of organizations. @since 0.2.0 */
    @Override
    MemberStore members();

    /** Invitations. @since 0.2.0 */
    @Override
    InvitationStore invitations();

    /** The invitation mail outbox. @since 0.2.0 */
    @Override
    DeliveryStore deliveries();

    /** API keys. @since 0.2.0 */
    @Override
    ApiKeyStore apiKeys();

    /** API-key usage per key and day. @since 0.2.0 */
    @Override
    UsageStore usage();

    /** Support requests. @since 0.2.0 */
    @Override
    SupportStore support();

    /** The audit trail. @since 0.2.0 */
    @Override
    AuditStore audit();

    /** Plans and usage alert settings. @since 0.2.0 */
    @Override
    PlanStore plans();

    /** The account notice outbox (usage alerts, statements, key expiry notices). @since 0.2.0 */
    @Override
    NoticeStore notices();
}
