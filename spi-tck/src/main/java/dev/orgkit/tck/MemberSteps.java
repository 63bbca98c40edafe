package dev.orgkit.tck;

import static dev.orgkit.tck.World.INVALID_INPUT;
import static dev.orgkit.tck.World.access;
import static dev.orgkit.tck.World.rules;

import dev.orgkit.OrgKit;
import dev.orgkit.UserId;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.tck.Model.Member;
import dev.orgkit.tck.Model.ModelOrganization;
import dev.orgkit.tck.World.Target;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The steps of a {@link World} on members: change a member's role, remove a member. Each says
 * which refusals the model expects and, on success, updates the model.
 */
final class MemberSteps {
    private final World world;
    private final OrgKit kit;
    private final Model model;

    MemberSteps(World world) {
        this.world = world;
        this.kit = world.kit;
        this.model = world.model;
    }

    void changeRole(Step.ChangeRole s) {
        Target t = world.target(s.actor(), s.account());
        UserId aimed = world.aimedAt(s.target(), t);
        Set<String> refusals = access(t, DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        boolean changes = false;
        if (refusals.isEmpty()) {
            Member member = Objects.requireNonNull(t.org()).members.get(aimed);
            if (member == null) {
                refusals = rules(DenialCode.NOT_FOUND);
            } else if (member.role() == Role.ADMIN && s.role() == Role.MEMBER) {
                refusals = rules(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT);
            } else {
                changes = member.role() != s.role();
            }
        }
        boolean effective = changes;
        world.attempt(t.describe() + " makes " + aimed + " " + s.role(), refusals,
                () -> kit.members().changeRole(t.actor(), t.account(), aimed, s.role()),
                membership -> {
                    ModelOrganization org = Objects.requireNonNull(t.org());
                    Member before = org.members.get(aimed);
                    world.checker.check(membership.role() == s.role() && membership.userId().equals(aimed)
                            && membership.email().equals(before.email()), () -> "changed to " + membership);
                    org.members.put(aimed, new Member(before.email(), s.role()));
                    if (effective) {
                        org.auditEvents++;
                    }
                });
    }

    void remove(Step.Remove s) {
        Target t = world.target(s.actor(), s.account());
        UserId aimed = world.aimedAt(s.target(), t);
        Member member = t.org() == null ? null : t.org().members.get(aimed);
        String email = member != null ? member.email().value() : world.byId.get(aimed).verifiedEmail().value();
        String typed = switch (s.typed()) {
            case EXACT -> email;
            case LOOSE -> "  " + email.toUpperCase(Locale.ROOT) + " ";
            case WRONG -> "not-" + email;
            case BLANK -> "  ";
        };
        Set<String> refusals = s.typed() == Step.Typed.BLANK ? Set.of(INVALID_INPUT)
                : access(t, DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        if (refusals.isEmpty()) {
            refusals = rules(
                    aimed.equals(t.actor().userId()) ? DenialCode.USE_LEAVE : null,
                    member == null ? DenialCode.NOT_FOUND : null,
                    member != null && member.role() == Role.ADMIN ? DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT : null,
                    s.typed() == Step.Typed.WRONG ? DenialCode.CONFIRMATION_MISMATCH : null);
        }
        world.attempt(t.describe() + " removes " + aimed + " typing '" + typed + "'", refusals,
                () -> {
                    kit.members().remove(t.actor(), t.account(), aimed, typed);
                    return Boolean.TRUE;
                },
                done -> {
                    ModelOrganization org = Objects.requireNonNull(t.org());
                    org.members.remove(aimed);
                    model.active.remove(aimed, org.id);
                    org.auditEvents++;
                });
    }
}
