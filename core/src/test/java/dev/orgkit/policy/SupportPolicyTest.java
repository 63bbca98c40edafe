package dev.orgkit.policy;

import static dev.orgkit.policy.PolicyTest.ACME;
import static dev.orgkit.policy.PolicyTest.AGENT;
import static dev.orgkit.policy.PolicyTest.ANA;
import static dev.orgkit.policy.PolicyTest.ANAS_OWN;
import static dev.orgkit.policy.PolicyTest.NOW;
import static dev.orgkit.policy.PolicyTest.code;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.UserId;
import dev.orgkit.member.Role;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestId;
import dev.orgkit.support.SupportRequestStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of the support workflow, alone: the facts in, the decision out. */
class SupportPolicyTest {

    static SupportRequest request(SupportRequestStatus status, Instant expiresAt) {
        return new SupportRequest(SupportRequestId.of("sr_1"), ACME.id(), SupportAction.DEMOTE_ADMIN, UserId.of("u-bob"),
                UserId.of("u-ana"), "left", status, NOW.minus(Duration.ofDays(1)), expiresAt, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void a_pending_unexpired_request_can_be_decided_once() {
        assertThat(Policy.supportRequestDecidable(request(SupportRequestStatus.PENDING, NOW.plusSeconds(1)), NOW)
                .isAllowed()).isTrue();
        assertThat(code(Policy.supportRequestDecidable(request(SupportRequestStatus.APPROVED, NOW.plusSeconds(1)), NOW)))
                .isEqualTo(DenialCode.SUPPORT_REQUEST_NOT_PENDING);
        assertThat(code(Policy.supportRequestDecidable(request(SupportRequestStatus.REJECTED, NOW.plusSeconds(1)), NOW)))
                .isEqualTo(DenialCode.SUPPORT_REQUEST_NOT_PENDING);
    }

    @Test
    void a_request_expires_at_its_expiry_not_a_moment_later() {
        SupportRequest request = request(SupportRequestStatus.PENDING, NOW);
        assertThat(code(Policy.supportRequestDecidable(request, NOW))).isEqualTo(DenialCode.SUPPORT_REQUEST_EXPIRED);
        assertThat(Policy.supportRequestDecidable(request, NOW.minusMillis(1)).isAllowed()).isTrue();
        assertThat(request.asOf(NOW).status()).isEqualTo(SupportRequestStatus.EXPIRED);
        assertThat(request.asOf(NOW.minusMillis(1)).status()).isEqualTo(SupportRequestStatus.PENDING);
        assertThat(request(SupportRequestStatus.APPROVED, NOW).asOf(NOW).status()).isEqualTo(SupportRequestStatus.APPROVED);
    }

    @Test
    void only_an_unexpired_pending_request_blocks_another() {
        assertThat(code(Policy.noPendingSupportRequest(Optional.of(request(SupportRequestStatus.PENDING,
                NOW.plusSeconds(1))), NOW))).isEqualTo(DenialCode.SUPPORT_REQUEST_ALREADY_PENDING);
        assertThat(Policy.noPendingSupportRequest(Optional.of(request(SupportRequestStatus.PENDING, NOW)), NOW)
                .isAllowed()).isTrue();
        assertThat(Policy.noPendingSupportRequest(Optional.empty(), NOW).isAllowed()).isTrue();
    }

    @Test
    void a_support_action_applies_only_to_the_role_it_is_for() {
        assertThat(Policy.targetHasRole(Role.ADMIN, Role.ADMIN).isAllowed()).isTrue();
        assertThat(code(Policy.targetHasRole(Role.MEMBER, Role.ADMIN))).isEqualTo(DenialCode.TARGET_ROLE_MISMATCH);
    }

    @Test
    void only_admins_file_requests_and_support_acts_on_organizations_only() {
        Policy policy = Policy.defaults();
        assertThat(policy.decide(ANA, AccessFacts.of(ACME, Optional.of(Role.ADMIN)), Permission.REQUEST_SUPPORT)
                .isAllowed()).isTrue();
        assertThat(code(policy.decide(ANA, AccessFacts.of(ACME, Optional.of(Role.MEMBER)), Permission.REQUEST_SUPPORT)))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(code(policy.decide(AGENT, AccessFacts.of(ACME, Optional.empty()), Permission.REQUEST_SUPPORT)))
                .isEqualTo(DenialCode.NOT_FOR_SUPPORT);
        for (SupportAction action : SupportAction.values()) {
            assertThat(policy.decide(AGENT, AccessFacts.of(ACME, Optional.empty()), action.permission()).isAllowed())
                    .isTrue();
            assertThat(code(policy.decide(AGENT, AccessFacts.of(ANAS_OWN, Optional.empty()), action.permission())))
                    .isEqualTo(DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        }
        assertThat(code(Policy.supportOnly(ANA))).isEqualTo(DenialCode.SUPPORT_ONLY);
    }
}
