package pt.aima.application.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import pt.aima.application.casefile.CaseCommand.EraseApplicantData;
import pt.aima.application.casefile.PersonalDataAlreadyErased;
import pt.aima.application.projection.casestatus.CaseStatusQueries;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.CurrentActingContext;
import pt.aima.platform.privacy.PersonalDataKeys;
import pt.aima.platform.privacy.PersonalDataSerializer;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/**
 * Erasure of an applicant's personal data when its legal retention ends, by crypto-shredding: the applicant's key and
 * the keys of the applicant's cases (what staff wrote about each case) are destroyed, so every personal field of every
 * event stored for them reads as erased from then on, while the events themselves (and their hash chains) stay. Each
 * case of the applicant records {@code ApplicantDataErased}, which marks the read models and is published so that
 * other services destroy their own copies.
 */
@RestController
@Tag(name = "Privacy")
class PrivacyController {

    private final ActingCommandGateway commands;
    private final CaseStatusQueries cases;
    private final PersonalDataKeys keys;
    private final CurrentActingContext acting;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PrivacyController(
            ActingCommandGateway commands,
            CaseStatusQueries cases,
            PersonalDataKeys keys,
            CurrentActingContext acting,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.commands = commands;
        this.cases = cases;
        this.keys = keys;
        this.acting = acting;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** @param legalBasis why the data may no longer be kept (the law and article, the end of the retention period) */
    record ErasureRequest(@NotBlank @Size(max = 2000) String legalBasis) {}

    /**
     * @param cases the applicant's cases, each of which recorded the erasure
     * @param erasedBy the operator
     */
    record ErasureView(String applicantId, List<UUID> cases, Instant erasedAt, String legalBasis, String erasedBy) {}

    @PostMapping("/privacy/applicants/{applicantId}/erasure")
    @AllowedRoles(Role.OPERATIONS)
    @Operation(
            summary = "Erase an applicant's personal data at the end of its legal retention (crypto-shredding)",
            description = "200 with the cases erased; 400 without a legal basis; 404 for an applicant with no case"
                    + " here; 409 (rule PERSONAL_DATA_ALREADY_ERASED) when it was erased before.")
    ErasureView erase(@PathVariable String applicantId, @Valid @RequestBody ErasureRequest request) {
        List<UUID> theirCases = cases.casesOf(applicantId);
        if (theirCases.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case of applicant " + applicantId + ".");
        }
        if (keys.stateOf(applicantId) == PersonalDataKeys.State.ERASED) {
            throw new PersonalDataAlreadyErased(new CaseId(theirCases.getFirst()));
        }
        String operator = acting.get().actor().subject();
        Instant at = clock.instant();
        String legalBasis = request.legalBasis().strip();
        // One transaction: the keys are destroyed exactly when every case records its erasure.
        transaction.executeWithoutResult(status -> {
            for (UUID caseId : theirCases) {
                commands.send(new EraseApplicantData(new CaseId(caseId), applicantId, legalBasis));
                // what staff wrote about the case (a decision's reasoning, an extension's reason) is under the case's
                // key: those events name the case only (@DataSubject(indirect = true))
                keys.erase(PersonalDataSerializer.caseSubject(caseId), legalBasis, operator, at);
            }
            if (!keys.erase(applicantId, legalBasis, operator, at)) {
                throw new PersonalDataAlreadyErased(new CaseId(theirCases.getFirst()));
            }
        });
        return new ErasureView(applicantId, theirCases, at, legalBasis, operator);
    }
}
