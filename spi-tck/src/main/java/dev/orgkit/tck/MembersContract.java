package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.PageRequest;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Organization;
import dev.orgkit.member.Role;
import org.junit.jupiter.api.Test;

/**
 * Members: inviting, joining, listing, promoting and removing.
 *
 * @since 0.1.0
 */
public abstract class MembersContract extends ContractFixture {

    @Test
    void an_invited_user_joins_with_the_invited_role() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        kit.invitations().accept(bob, mailer.lastTokenFor("bob@example.com"));
        assertThat(kit.members().list(ana, org.id(), PageRequest.first(10)).items())
                .extracting(m -> m.userId().value() + ":" + m.role())
                .containsExactly("u-ana:ADMIN", "u-bob:MEMBER");
    }
}
