package dev.orgkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.EmailAddress;
import dev.orgkit.StorageException;
import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.spi.AccountStore;
import dev.orgkit.spi.MemberStore;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the in-memory transaction adds to the contract: its stores share one undo journal, and reads never write. */
class InMemoryTransactionTest {
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private static final AccountId ACME = AccountId.of("org_acme");
    private static final UserId ANA = UserId.of("u-ana");

    private final InMemoryStorage storage = InMemoryStorage.create();

    private static Organization acme() {
        return new Organization(ACME, "Acme", "Acme SAS", EmailAddress.of("alerts@acme.example"),
                EmailAddress.of("billing@acme.example"), ANA, NOW, 1);
    }

    private static Membership anaAsAdmin() {
        return new Membership(ACME, ANA, EmailAddress.of("ana@example.com"), Role.ADMIN, NOW);
    }

    @Test
    void a_failed_write_undoes_what_it_wrote_through_every_store() {
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.accounts().insertOrganization(acme());
            tx.members().insert(anaAsAdmin());
            tx.accounts().setActiveAccount(ANA, Optional.of(ACME));
            tx.members().updateRole(ACME, ANA, Role.MEMBER);
            throw new IllegalStateException("simulated failure after the writes");
        })).isInstanceOf(StorageException.class).hasCauseInstanceOf(IllegalStateException.class);

        storage.read(tx -> {
            assertThat(tx.accounts().find(ACME)).isEmpty();
            assertThat(tx.members().find(ACME, ANA)).isEmpty();
            assertThat(tx.members().ofUser(ANA)).isEmpty();
            assertThat(tx.accounts().activeAccountOf(ANA)).isEmpty();
            return null;
        });
    }

    @Test
    void a_failed_write_restores_what_it_changed_and_keeps_what_committed_before() {
        storage.write(tx -> {
            tx.accounts().insertOrganization(acme());
            tx.members().insert(anaAsAdmin());
            return null;
        });

        assertThatThrownBy(() -> storage.write(tx -> {
            tx.members().updateRole(ACME, ANA, Role.MEMBER);
            tx.members().delete(ACME, ANA);
            throw new IllegalStateException("simulated failure");
        })).isInstanceOf(StorageException.class);

        Optional<Membership> ana = storage.read(tx -> tx.members().find(ACME, ANA));
        assertThat(ana).contains(anaAsAdmin());
        long admins = storage.read(tx -> tx.members().count(ACME, Role.ADMIN));
        assertThat(admins).isEqualTo(1);
    }

    @Test
    void a_read_transaction_refuses_to_write_even_through_a_store_cast_to_its_write_type() {
        storage.write(tx -> {
            tx.accounts().insertOrganization(acme());
            return null;
        });

        assertThatThrownBy(() -> storage.read(tx -> {
            ((MemberStore) tx.members()).insert(anaAsAdmin());
            return null;
        }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("read transaction cannot write");
        assertThatThrownBy(() -> storage.read(tx -> ((AccountStore) tx.accounts()).lock(ACME)))
                .isInstanceOf(IllegalStateException.class);
        Optional<Membership> ana = storage.read(tx -> tx.members().find(ACME, ANA));
        assertThat(ana).isEmpty();
    }
}
