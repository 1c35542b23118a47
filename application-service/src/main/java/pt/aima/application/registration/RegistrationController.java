package pt.aima.application.registration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.application.casefile.CaseCommand.RegisterApplication;
import pt.aima.application.casefile.CaseEvent.Contact;
import pt.aima.application.casefile.CaseEvent.Member;
import pt.aima.application.casefile.CaseEvent.Sponsor;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.acting.ActingCommandGateway;
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

    record MemberRequest(
            @NotBlank @Size(max = 200) String fullName,
            @NotNull Relationship relationship,
            @NotNull @Past LocalDate dateOfBirth,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 3166-1 alpha-3 code") String nationality,
            boolean presentInPortugal) {}

    record ContactRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number, e.g. +351912345678")
                    String phone,
            @NotBlank @Pattern(regexp = "pt|en", message = "must be pt or en") String preferredLanguage) {}

    /**
     * @param applicantId the applicant's account, required when staff register on an applicant's behalf; an applicant
     *     registers for themselves
     */
    record RegisterApplicationRequest(
            @Size(max = 100) String applicantId,
            @NotNull @Valid SponsorRequest sponsor,
            @NotEmpty @Size(max = 20) List<@NotNull @Valid MemberRequest> members,
            @NotNull @Valid ContactRequest contact) {}

    record RegisteredView(CaseId caseId, LocalDate submittedOn, List<MemberId> memberIds) {}

    @PostMapping("/applications")
    @PreAuthorize("hasAnyRole('APPLICANT', 'CASEWORKER')")
    @Operation(summary = "Register a family-reunification application")
    ResponseEntity<RegisteredView> register(@Valid @RequestBody RegisterApplicationRequest request) {
        Actor actor = RequestActingContext.currentActor();
        String applicantId = applicantOf(request, actor);
        CaseId caseId = CaseId.newId();
        LocalDate submittedOn = LocalDate.now(clock);
        List<Member> members = request.members().stream()
                .map(m -> new Member(
                        MemberId.newId(),
                        m.fullName(),
                        m.relationship(),
                        m.dateOfBirth(),
                        m.nationality(),
                        m.presentInPortugal()))
                .toList();
        commands.send(new RegisterApplication(
                caseId,
                applicantId,
                submittedOn,
                new Sponsor(request.sponsor().fullName(), request.sponsor().residencePermitNumber()),
                members,
                new Contact(
                        request.contact().email(),
                        request.contact().phone(),
                        request.contact().preferredLanguage())));
        return ResponseEntity.created(URI.create("/applications/" + caseId))
                .body(new RegisteredView(
                        caseId,
                        submittedOn,
                        members.stream().map(Member::memberId).toList()));
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
    static class MissingApplicant extends pt.aima.platform.domain.BusinessRuleViolation {
        MissingApplicant() {
            super("Staff registering an application must give the applicantId of the applicant's account.");
        }

        @Override
        public String code() {
            return "APPLICANT_REQUIRED";
        }
    }
}
