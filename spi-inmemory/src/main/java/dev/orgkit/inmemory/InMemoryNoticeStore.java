package dev.orgkit.inmemory;

import dev.orgkit.EmailAddress;
import dev.orgkit.StorageException;
import dev.orgkit.account.AccountId;
import dev.orgkit.delivery.NoticeKind;
import dev.orgkit.spi.NoticeRecord;
import dev.orgkit.spi.NoticeStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The account notice outbox in memory: one record per (account, kind, subject). */
final class InMemoryNoticeStore implements NoticeStore {

    /** A notice's key. */
    record Key(AccountId accountId, NoticeKind kind, String subject) {
        static Key of(NoticeRecord notice) {
            return new Key(notice.accountId(), notice.kind(), notice.subject());
        }
    }

    /** The outbox's table, guarded by the storage's lock. */
    static final class State {
        final Map<Key, NoticeRecord> notices = new HashMap<>();
    }

    private final State s;
    private final Journal journal;

    InMemoryNoticeStore(State state, Journal journal) {
        this.s = state;
        this.journal = journal;
    }

    @Override
    public Optional<NoticeRecord> find(AccountId accountId, NoticeKind kind, String subject) {
        return Optional.ofNullable(s.notices.get(new Key(accountId, kind, subject)));
    }

    @Override
    public List<NoticeRecord> due(Instant now, int limit) {
        return s.notices.values().stream()
                .filter(notice -> notice.isClaimableAt(now))
                .sorted(Comparator.comparing(NoticeRecord::nextAttemptAt)
                        .thenComparing(NoticeRecord::accountId)
                        .thenComparing(NoticeRecord::kind)
                        .thenComparing(NoticeRecord::subject))
                .limit(limit)
                .toList();
    }

    @Override
    public void insert(NoticeRecord notice) {
        journal.requireWritable();
        Key key = Key.of(notice);
        if (s.notices.containsKey(key)) {
            throw new StorageException("duplicate notice " + key, new IllegalStateException("unique key"));
        }
        journal.put(s.notices, key, notice);
    }

    @Override
    public int pseudonymizeErrors(EmailAddress email, String pseudonym) {
        journal.requireWritable();
        int changed = 0;
        for (Map.Entry<Key, NoticeRecord> entry : List.copyOf(s.notices.entrySet())) {
            NoticeRecord n = entry.getValue();
            if (n.lastError().filter(error -> Erasure.mentions(error, email)).isPresent()) {
                journal.put(s.notices, entry.getKey(), new NoticeRecord(n.accountId(), n.kind(), n.subject(), n.status(),
                        n.attempts(), n.nextAttemptAt(), n.lastAttemptAt(),
                        Erasure.pseudonymize(n.lastError(), email, pseudonym), n.claimId(), n.claimedUntil()));
                changed++;
            }
        }
        return changed;
    }

    /** Deletes every notice of the account (purging it). */
    void purge(AccountId accountId) {
        journal.requireWritable();
        for (Key key : List.copyOf(s.notices.keySet())) {
            if (key.accountId().equals(accountId)) {
                journal.remove(s.notices, key);
            }
        }
    }

    @Override
    public boolean claim(AccountId accountId, NoticeKind kind, String subject, String claimId, Instant now,
            Instant claimedUntil) {
        journal.requireWritable();
        Key key = new Key(accountId, kind, subject);
        NoticeRecord current = s.notices.get(key);
        if (current == null || !current.isClaimableAt(now)) {
            return false;
        }
        journal.put(s.notices, key, current.claimed(claimId, now, claimedUntil));
        return true;
    }

    @Override
    public boolean settle(NoticeRecord settled, String claimId) {
        journal.requireWritable();
        Key key = Key.of(settled);
        NoticeRecord current = s.notices.get(key);
        if (current == null || !current.claimId().equals(Optional.of(claimId))) {
            return false;
        }
        journal.put(s.notices, key, settled);
        return true;
    }
}
