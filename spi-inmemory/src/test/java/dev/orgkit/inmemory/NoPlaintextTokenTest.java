package dev.orgkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.internal.Secrets;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InviteRequest;
import dev.orgkit.invitation.IssuedInvitation;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.member.Role;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.tck.MutableClock;
import dev.orgkit.tck.RecordingMailer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * After a scenario with failed, retried, resent, accepted, bulk and link invitations, no plaintext token rests
 * in the storage's state or in any log line; only their hashes do.
 */
class NoPlaintextTokenTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private final RecordingMailer mailer = new RecordingMailer();
    private final InMemoryStorage storage = InMemoryStorage.create();
    private final OrgKit kit = OrgKit.builder().storage(storage).mailer(mailer).clock(clock).build();

    @Test
    void neither_the_storage_nor_the_log_holds_a_plaintext_token() throws IOException {
        UserPrincipal ana = Principal.user("u-ana", "ana@example.com");
        Organization org = kit.organizations().create(ana,
                new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));
        mailer.failing(true);
        Invitation bob = kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        mailer.failing(false);
        clock.advance(Duration.ofMinutes(1));
        kit.deliveries().dispatchPending();
        kit.invitations().resend(ana, bob.id());
        kit.members().invite(ana, org.id(), "carl@example.com", Role.ADMIN);
        kit.invitations().accept(Principal.user("u-carl", "carl@example.com"), mailer.lastTokenFor("carl@example.com"));
        IssuedInvitation eve = kit.members().inviteWithLink(ana, org.id(), "eve@example.com", Role.MEMBER);
        kit.members().inviteAll(ana, org.id(), List.of(new InviteRequest("dan@example.com", Role.MEMBER)));

        List<InvitationMail> mails = mailer.attempted();
        assertThat(mails).hasSize(5);
        String bobsLiveToken = mailer.lastTokenFor("bob@example.com");
        // The scan reaches the stored data: it finds the hash of Bob's working link.
        assertThat(holds(storage, Secrets.sha256(bobsLiveToken).hex())).isTrue();
        for (InvitationMail mail : mails) {
            assertThat(holds(storage, mail.token())).as("the storage holds a plaintext token").isFalse();
        }
        // The link the host delivers: its hash is stored, its token is not.
        assertThat(holds(storage, Secrets.sha256(eve.token()).hex())).isTrue();
        assertThat(holds(storage, eve.token())).as("the storage holds the link's plaintext token").isFalse();

        Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
        String lines = Files.readString(log, StandardCharsets.UTF_8);
        // The log did record the failure, with the link redacted.
        assertThat(lines).contains("was not sent").contains("<redacted>").contains(mails.get(0).messageId());
        for (InvitationMail mail : mails) {
            assertThat(lines).doesNotContain(mail.token());
        }
        assertThat(lines).doesNotContain(eve.token());
    }

    /** Whether any string reachable from {@code root} (through orgkit's objects and collections) contains {@code text}. */
    private static boolean holds(Object root, String text) {
        return walk(root, text, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean walk(Object value, String text, Set<Object> visited) {
        if (value == null || !visited.add(value)) {
            return false;
        }
        if (value instanceof CharSequence chars) {
            return chars.toString().contains(text);
        }
        if (value instanceof SecretHash hash) {
            // Holds its 256 bits as numbers; its hex is what a database would store.
            return hash.hex().contains(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .anyMatch(entry -> walk(entry.getKey(), text, visited) || walk(entry.getValue(), text, visited));
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().anyMatch(element -> walk(element, text, visited));
        }
        if (value instanceof Optional<?> optional) {
            return optional.isPresent() && walk(optional.get(), text, visited);
        }
        if (value instanceof Object[] array) {
            return List.of(array).stream().anyMatch(element -> walk(element, text, visited));
        }
        if (value instanceof Enum<?> || !value.getClass().getName().startsWith("dev.orgkit.")) {
            return false;
        }
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    if (walk(field.get(value), text, visited)) {
                        return true;
                    }
                } catch (IllegalAccessException e) {
                    throw new AssertionError("cannot read " + field, e);
                }
            }
        }
        return false;
    }
}
