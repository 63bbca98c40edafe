package dev.orgkit.tck;

import dev.orgkit.member.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One command of a stateful test, with its arguments as raw choices. The {@link World} resolves
 * the choices against the state of the moment (the n-th organization, an admin of it, an
 * invitation already sent), so a sequence stays meaningful when the shrinker removes steps from it.
 * Choices may point at things that do not exist, or at principals who may not act: such commands
 * must be refused, and refused without a trace.
 */
sealed interface Step {

    /** How a confirmation is typed. */
    enum Typed {
        /** Exactly as expected. */
        EXACT,
        /** With spaces around it, and for emails in other case: still a match. */
        LOOSE,
        /** Something else: a mismatch. */
        WRONG,
        /** Blank: invalid input. */
        BLANK
    }

    /** How a profile is edited. */
    enum Edit {
        /** New values. */
        CHANGE,
        /** The current values again, against the current version: a no-op. */
        SAME,
        /** Against a version that is not the current one. */
        STALE,
        /** Blank legal name and malformed emails. */
        INVALID
    }

    /** A user creates an organization, with a valid form or a blank account name. */
    record CreateOrganization(int actor, int name, boolean valid) implements Step {}

    /** A user opens (and on first use creates) the personal account. */
    record OpenPersonal(int actor) implements Step {}

    /** Someone invites an email to an account. */
    record Invite(int actor, int account, int invitee, Role role) implements Step {}

    /** Someone accepts an invitation sent earlier (or a forged token). */
    record Accept(int actor, int invitation, boolean invitedUser, boolean forged) implements Step {}

    /** Someone changes the role of someone in an account. */
    record ChangeRole(int actor, int account, int target, Role role) implements Step {}

    /** Someone removes someone from an account, typing a confirmation. */
    record Remove(int actor, int account, int target, Typed typed) implements Step {}

    /** Someone leaves an account, typing its name. */
    record Leave(int actor, int account, Typed typed) implements Step {}

    /** Someone edits an account's profile. */
    record UpdateProfile(int actor, int account, int values, Edit edit) implements Step {}

    /** Someone switches to an account. */
    record SwitchTo(int actor, int account) implements Step {}

    /** Someone opens the link of an invitation (or a forged one). */
    record Preview(int invitation, boolean forged) implements Step {}

    /** Someone deletes an account, typing its name (an admin first creates an API key, to see it revoked). */
    record Delete(int actor, int account, Typed typed) implements Step {}

    /** Support restores an organization (deleted or not). */
    record Restore(int account) implements Step {}

    /** Time passes. */
    record Wait(int hours) implements Step {}

    /**
     * A random sequence of {@code length} steps. Weights favour the commands that build state
     * (invitations and acceptances), so that long sequences reach interesting states.
     */
    static List<Step> generate(Random random, int length) {
        List<Step> steps = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            steps.add(next(random, i == 0));
        }
        return steps;
    }

    private static Step next(Random random, boolean first) {
        int actor = random.nextInt(1000);
        int account = random.nextInt(1000);
        int target = random.nextInt(1000);
        // Mostly MEMBERs, so that admins have members to promote and remove.
        Role role = random.nextInt(10) < 3 ? Role.ADMIN : Role.MEMBER;
        int roll = first ? 0 : random.nextInt(100);
        if (roll < 4) {
            return new CreateOrganization(actor, random.nextInt(4), random.nextInt(10) != 0);
        } else if (roll < 9) {
            return new OpenPersonal(actor);
        } else if (roll < 29) {
            return new Invite(actor, account, target, role);
        } else if (roll < 47) {
            return new Accept(actor, target, random.nextInt(6) != 0, random.nextInt(20) == 0);
        } else if (roll < 57) {
            return new ChangeRole(actor, account, target, role);
        } else if (roll < 69) {
            return new Remove(actor, account, target, typed(random));
        } else if (roll < 79) {
            return new Leave(actor, account, typed(random));
        } else if (roll < 87) {
            return new UpdateProfile(actor, account, random.nextInt(3), Edit.values()[random.nextInt(Edit.values().length)]);
        } else if (roll < 92) {
            return new SwitchTo(actor, account);
        } else if (roll < 95) {
            return new Preview(target, random.nextInt(6) == 0);
        } else if (roll < 97) {
            return new Delete(actor, account, typed(random));
        } else if (roll < 98) {
            return new Restore(account);
        } else {
            return new Wait(1 + random.nextInt(96));
        }
    }

    /** Mostly right confirmations, so that commands get past them and reach the rules behind. */
    private static Typed typed(Random random) {
        int roll = random.nextInt(20);
        return roll < 9 ? Typed.EXACT : roll < 13 ? Typed.LOOSE : roll < 18 ? Typed.WRONG : Typed.BLANK;
    }
}
