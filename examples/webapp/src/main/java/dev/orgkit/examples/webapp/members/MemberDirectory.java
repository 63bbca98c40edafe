package dev.orgkit.examples.webapp.members;

import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.member.Membership;
import org.springframework.stereotype.Component;

/** Finds one member of an organization, for the pages about one member. */
@Component
class MemberDirectory {
    private final OrgKit kit;

    MemberDirectory(OrgKit kit) {
        this.kit = kit;
    }

    /**
     * The membership of {@code userId}, read through the members list (orgkit checks the principal may
     * see it); the kit has no single-member read, so this pages through the list in user-id order.
     */
    Membership find(Principal principal, AccountId organizationId, String userId) {
        UserId wanted = UserId.of(userId);
        PageRequest request = PageRequest.first(PageRequest.MAX_SIZE);
        while (true) {
            Page<Membership> page = kit.members().list(principal, organizationId, request);
            for (Membership member : page.items()) {
                if (member.userId().equals(wanted)) {
                    return member;
                }
            }
            if (page.nextCursor().isEmpty()) {
                throw new NotFoundException("No such member.");
            }
            request = PageRequest.after(page.nextCursor().get(), PageRequest.MAX_SIZE);
        }
    }
}
