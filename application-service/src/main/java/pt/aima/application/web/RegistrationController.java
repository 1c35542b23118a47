package pt.aima.application.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.application.casefile.CaseCommand.RegisterApplication;
import pt.aima.application.casefile.CaseEvent.Contact;
import pt.aima.application.casefile.CaseEvent.Member;
import pt.aima.application.casefile.CaseEvent.Residence;
import pt.aima.application.casefile.CaseEvent.Sponsor;
import pt.aima.application.casefile.NotEligible;
import pt.aima.kernel.application.AddressTitle;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.domain.BusinessRuleViolation;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import pt.aima.platform.web.RequestActingContext;

/** Registering an application starts the case and its legal clock. */
@RestController
@Tag(name = "Registration")
class RegistrationController {

    private final ActingCommandGateway commands;
    private final Clock clock;

    RegistrationController(ActingCommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    record SponsorRequest(
            @NotBlank @Size(max = 200) String fullName, @NotBlank @Size(max = 50) String residencePermitNumber) {}

    /**
     * One family member.
     *
     * @param relationship one of {@link Relationship}; any other relationship is refused as not eligible (422)
     * @param presentInPortugalSince optional: the day the member entered Portugal (only when present)
     * @param residenceHistory optional: the countries lived in (the last five years at least), oldest first; it decides
     *     which criminal records are asked for
     * @param otherParentResidesInPortugal optional, for a minor child: whether the other parent lives in Portugal
     * @param stayEndsOn optional, for a member present in Portugal: the last day of their current lawful stay (a visa,
     *     a stay extension), when known
     */
    record MemberRequest(
            @NotBlank @Size(max = 200) String fullName,
            @NotBlank @Size(max = 50) String relationship,
            @NotNull @Past LocalDate dateOfBirth,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 3166-1 alpha-3 code") String nationality,
            boolean presentInPortugal,
            @PastOrPresent LocalDate presentInPortugalSince,
            @Size(max = 30) List<@NotNull @Valid ResidenceRequest> residenceHistory,
            Boolean otherParentResidesInPortugal,
            LocalDate stayEndsOn) {

        @AssertTrue(message = "may be given only for a member present in Portugal")
        boolean isPresentInPortugalSinceConsistent() {
            return presentInPortugalSince == null || presentInPortugal;
        }

        @AssertTrue(
                message = "may be given only for a member present in Portugal, and not before presentInPortugalSince")
        boolean isStayEndsOnConsistent() {
            return stayEndsOn == null
                    || (presentInPortugal
                            && (presentInPortugalSince == null || !stayEndsOn.isBefore(presentInPortugalSince)));
        }
    }

    /**
     * A stay in one country.
     *
     * @param to the last day, or null while it continues
     */
    record ResidenceRequest(
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 3166-1 alpha-3 code") String country,
            @NotNull @PastOrPresent LocalDate from,
            @PastOrPresent LocalDate to) {

        @AssertTrue(message = "a stay must not end before it starts")
        boolean isOrdered() {
            return from == null || to == null || !to.isBefore(from);
        }
    }

    record ContactRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number, e.g. +351912345678")
                    String phone,
            @NotBlank @Pattern(regexp = "pt|en", message = "must be pt or en") String preferredLanguage) {}

    /**
     * @param applicantId the applicant's account, required when staff register on an applicant's behalf; an applicant
     *     registers for themselves
     * @param region where the household lives: a district or island code of the published list ({@link Region}, e.g.
     *     LISBOA, PORTO, FARO, MADEIRA); required, the biometric appointment is at a desk of this region
     */
    record RegisterApplicationRequest(
            @Size(max = 100) String applicantId,
            @NotNull @PublishedRegion String region,
            @NotNull @Valid SponsorRequest sponsor,
            @NotEmpty @Size(max = 20) List<@NotNull @Valid MemberRequest> members,
            @NotNull @Valid ContactRequest contact,
            AddressTitle addressTitle) {}

    record RegisteredView(CaseId caseId, LocalDate submittedOn, List<MemberId> memberIds) {}

    @PostMapping("/applications")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER})
    @Operation(
            summary = "Register a family-reunification application",
            description = "201 with the case and member ids. 400 names each bad field (also a missing region, or one"
                    + " not on the published list). 422 when a rule of eligibility"
                    + " fails (rule RELATIONSHIP_NOT_ELIGIBLE, NOT_A_MINOR, NOT_AN_ADULT or"
                    + " MINOR_NOT_PRESENT_ON_SUBMISSION, with the member's index; title and detail in the"
                    + " contact's preferred language): nothing is stored.")
    ResponseEntity<RegisteredView> register(@Valid @RequestBody RegisterApplicationRequest request) {
        try {
            return registerValid(request);
        } catch (NotEligible refusal) {
            // The applicant is told why in the language they asked AIMA to write to them in.
            throw new RefusedRegistration(refusal, request.contact().preferredLanguage());
        }
    }

    private ResponseEntity<RegisteredView> registerValid(RegisterApplicationRequest request) {
        Actor actor = RequestActingContext.currentActor();
        String applicantId = applicantOf(request, actor);
        CaseId caseId = CaseId.newId();
        LocalDate submittedOn = LocalDate.now(clock);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < request.members().size(); i++) {
            MemberRequest m = request.members().get(i);
            members.add(new Member(
                    MemberId.newId(),
                    m.fullName(),
                    relationship(m.relationship(), i),
                    m.dateOfBirth(),
                    m.nationality(),
                    m.presentInPortugal(),
                    m.presentInPortugalSince(),
                    m.residenceHistory() == null
                            ? null
                            : m.residenceHistory().stream()
                                    .map(r -> new Residence(r.country(), r.from(), r.to()))
                                    .toList(),
                    m.otherParentResidesInPortugal(),
                    m.stayEndsOn()));
        }
        commands.send(new RegisterApplication(
                caseId,
                applicantId,
                submittedOn,
                new Sponsor(request.sponsor().fullName(), request.sponsor().residencePermitNumber()),
                members,
                new Contact(
                        request.contact().email(),
                        request.contact().phone(),
                        request.contact().preferredLanguage()),
                request.addressTitle(),
                null,
                Region.fromCode(request.region()).orElseThrow()));
        return ResponseEntity.created(URI.create("/applications/" + caseId))
                .body(new RegisteredView(
                        caseId,
                        submittedOn,
                        members.stream().map(Member::memberId).toList()));
    }

    /** A relationship outside Lei 23/2007's list (art. 99) is not eligible for family reunification. */
    private static Relationship relationship(String code, int index) {
        return Arrays.stream(Relationship.values())
                .filter(value -> value.name().equals(code.trim()))
                .findFirst()
                .orElseThrow(() -> new NotEligible(
                        "RELATIONSHIP_NOT_ELIGIBLE",
                        index,
                        "members[" + index + "]: the relationship " + code.trim() + " is not eligible for family"
                                + " reunification; eligible are " + Arrays.toString(Relationship.values())));
    }

    private static String applicantOf(RegisterApplicationRequest request, Actor actor) {
        if (Role.APPLICANT.name().equals(actor.role())) {
            if (request.applicantId() != null && !request.applicantId().equals(actor.subject())) {
                throw new AccessDeniedException("an applicant registers for themselves only");
            }
            return actor.subject();
        }
        if (request.applicantId() == null || request.applicantId().isBlank()) {
            throw new MissingApplicant();
        }
        return request.applicantId();
    }

    /** Staff registering on an applicant's behalf must say whose case it is. */
    static class MissingApplicant extends BusinessRuleViolation {
        MissingApplicant() {
            super(
                    "APPLICANT_REQUIRED",
                    "Staff registering an application must give the applicantId of the applicant's account.");
        }
    }
}
