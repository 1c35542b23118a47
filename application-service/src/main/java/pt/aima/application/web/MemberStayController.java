package pt.aima.application.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.application.casefile.CaseCommand.UpdateMemberStay;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/**
 * Staff keep the end of each family member's current lawful stay in Portugal up to date (a stay extended, a new
 * visa), so operations see cases whose member's stay ends while they wait.
 */
@RestController
@Tag(name = "Household")
class MemberStayController {

    private final ActingCommandGateway commands;

    MemberStayController(ActingCommandGateway commands) {
        this.commands = commands;
    }

    /** @param stayEndsOn the last day of the member's current lawful stay */
    record MemberStayRequest(@NotNull LocalDate stayEndsOn) {}

    @PutMapping("/applications/{caseId}/members/{memberId}/stay")
    @AllowedRoles(Role.CASEWORKER)
    @Operation(
            summary = "Record the last day of a family member's current lawful stay in Portugal",
            description = "204 (the same day again changes nothing); 400 naming the field; 404 for an unknown case or"
                    + " a member the case does not name.")
    ResponseEntity<Void> updateStay(
            @PathVariable UUID caseId, @PathVariable UUID memberId, @Valid @RequestBody MemberStayRequest request) {
        commands.send(new UpdateMemberStay(new CaseId(caseId), new MemberId(memberId), request.stayEndsOn()));
        return ResponseEntity.noContent().build();
    }
}
