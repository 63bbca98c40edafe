package dev.orgkit.spring.web.internal;

import dev.orgkit.InvalidInputException;
import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.account.ProfileUpdate;
import dev.orgkit.spring.web.internal.AccountViews.OrganizationView;
import dev.orgkit.spring.web.internal.Bodies.ConfirmBody;
import dev.orgkit.spring.web.internal.Bodies.NewOrganizationBody;
import dev.orgkit.spring.web.internal.Bodies.ProfilePatchBody;
import dev.orgkit.spring.web.internal.Bodies.RoleBody;
import dev.orgkit.spring.web.internal.MemberViews.MembershipView;
import dev.orgkit.spring.web.internal.Pages.PageView;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Organizations (create, read, edit the profile, leave, delete) and their members (list, change role, remove). */
@RestController
@Tag(name = "Organizations and members")
@RequestMapping("${orgkit.web.base-path:/orgkit/api/v1}/organizations")
public class OrganizationsController {
    private static final Pattern STRONG_VERSION_TAG = Pattern.compile("\"(\\d{1,18})\"");

    private final OrgKit kit;

    /** Serves {@code kit}. */
    public OrganizationsController(OrgKit kit) {
        this.kit = kit;
    }

    /** Creates an organization; its creator becomes its first admin. 201, with its {@code Location}. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<OrganizationView> createOrganization(UserPrincipal user,
            @RequestBody(required = false) @Nullable NewOrganizationBody body) {
        NewOrganizationBody form = Bodies.present(body);
        Organization created = kit.organizations().create(user, new NewOrganization(form.accountName(),
                form.legalName(), form.alertingEmail(), form.invoicingEmail()));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri()
                        .path("/{id}").buildAndExpand(created.id().value()).toUri())
                .eTag(versionTag(created)).body(OrganizationView.of(created));
    }

    /** The organization, with its version as the {@code ETag}; 304 for a matching {@code If-None-Match}. */
    @GetMapping("/{organizationId}")
    public @Nullable ResponseEntity<OrganizationView> getOrganization(Principal caller, @PathVariable String organizationId,
            WebRequest request) {
        Organization organization = kit.organizations().get(caller, AccountId.of(organizationId));
        if (request.checkNotModified(versionTag(organization))) {
            return null;
        }
        return ResponseEntity.ok().eTag(versionTag(organization)).body(OrganizationView.of(organization));
    }

    /**
     * Changes the profile. With {@code If-Match: "<version>"} the change is refused (412) if someone
     * saved since that version; a field left out keeps its value.
     */
    @PatchMapping("/{organizationId}")
    public ResponseEntity<OrganizationView> updateProfile(UserPrincipal user, @PathVariable String organizationId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody(required = false) @Nullable ProfilePatchBody body) {
        ProfilePatchBody patch = Bodies.present(body);
        AccountId id = AccountId.of(organizationId);
        OptionalLong expected = expectedVersion(ifMatch);
        ProfileUpdate update;
        if (patch.legalName() != null && patch.alertingEmail() != null && patch.invoicingEmail() != null) {
            update = new ProfileUpdate(patch.legalName(), patch.alertingEmail(), patch.invoicingEmail(), expected);
        } else {
            // Fields left out keep the values read here; the version read guards the merge itself.
            Organization current = kit.organizations().get(user, id);
            update = new ProfileUpdate(
                    patch.legalName() != null ? patch.legalName() : current.legalName(),
                    patch.alertingEmail() != null ? patch.alertingEmail() : current.alertingEmail().value(),
                    patch.invoicingEmail() != null ? patch.invoicingEmail() : current.invoicingEmail().value(),
                    OptionalLong.of(expected.orElse(current.version())));
        }
        Organization updated = kit.organizations().updateProfile(user, id, update);
        return ResponseEntity.ok().eTag(versionTag(updated)).body(OrganizationView.of(updated));
    }

    /** Leaves the organization, confirmed by its account name: {@code {"confirm": "Acme"}}. 204. */
    @PostMapping("/{organizationId}/leave")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> leave(UserPrincipal user, @PathVariable String organizationId,
            @RequestBody(required = false) @Nullable ConfirmBody body) {
        ConfirmBody form = Bodies.present(body);
        Bodies.require("confirm", form.confirm());
        kit.organizations().leave(user, AccountId.of(organizationId), form.confirm());
        return ResponseEntity.noContent().build();
    }

    /**
     * Deletes the organization, confirmed by its account name: {@code {"confirm": "Acme"}}. Only its
     * sole admin may ({@code SOLE_ADMIN_REQUIRED} otherwise: a support request does it); support can
     * restore it within the restore window. 204.
     */
    @PostMapping("/{organizationId}/delete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> deleteOrganization(UserPrincipal user, @PathVariable String organizationId,
            @RequestBody(required = false) @Nullable ConfirmBody body) {
        ConfirmBody form = Bodies.present(body);
        Bodies.require("confirm", form.confirm());
        kit.organizations().delete(user, AccountId.of(organizationId), form.confirm());
        return ResponseEntity.noContent().build();
    }

    /** A page of members, ordered by user id. */
    @GetMapping("/{organizationId}/members")
    public PageView<MembershipView> listMembers(Principal caller, @PathVariable String organizationId,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_SIZE) int size) {
        return Pages.view(kit.members().list(caller, AccountId.of(organizationId), Pages.request(cursor, size)),
                MembershipView::of);
    }

    /** Changes a member's role: {@code {"role": "ADMIN"}}. */
    @PatchMapping("/{organizationId}/members/{userId}")
    public MembershipView changeRole(UserPrincipal user, @PathVariable String organizationId,
            @PathVariable String userId, @RequestBody(required = false) @Nullable RoleBody body) {
        RoleBody form = Bodies.present(body);
        Bodies.require("role", form.role());
        return MembershipView.of(kit.members().changeRole(user, AccountId.of(organizationId), UserId.of(userId),
                form.role()));
    }

    /** Removes a member, confirmed by the member's email: {@code {"confirm": "bob@example.com"}}. 204. */
    @PostMapping("/{organizationId}/members/{userId}/remove")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> removeMember(UserPrincipal user, @PathVariable String organizationId,
            @PathVariable String userId, @RequestBody(required = false) @Nullable ConfirmBody body) {
        ConfirmBody form = Bodies.present(body);
        Bodies.require("confirm", form.confirm());
        kit.members().remove(user, AccountId.of(organizationId), UserId.of(userId), form.confirm());
        return ResponseEntity.noContent().build();
    }

    private static String versionTag(Organization organization) {
        return "\"" + organization.version() + "\"";
    }

    /** The version an {@code If-Match} names: {@code "3"}; {@code *} or no header expect none. */
    private static OptionalLong expectedVersion(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.strip().equals("*")) {
            return OptionalLong.empty();
        }
        Matcher tag = STRONG_VERSION_TAG.matcher(ifMatch.strip());
        if (!tag.matches()) {
            throw new InvalidInputException(List.of(new InvalidInputException.Violation(HttpHeaders.IF_MATCH,
                    "must be the ETag of the organization, such as \"3\"")));
        }
        return OptionalLong.of(Long.parseLong(tag.group(1)));
    }
}
