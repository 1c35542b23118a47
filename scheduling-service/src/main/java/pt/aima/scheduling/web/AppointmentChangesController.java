package pt.aima.scheduling.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordMissedAppointment;
import pt.aima.scheduling.appointment.AppointmentCommand.RegisterCourtOrder;
import pt.aima.scheduling.appointment.AppointmentCommand.RequestReschedule;
import pt.aima.scheduling.projection.appointment.AppointmentQueries;
import pt.aima.scheduling.projection.deskcalendar.DeskCalendarQueries;
import pt.aima.scheduling.schedule.RegionZones;

/** Changes to a case's appointment that people ask for: another date, a no-show, a court order. */
@RestController
@Tag(name = "Appointment changes")
class AppointmentChangesController {

    private final ActingCommandGateway commands;
    private final AppointmentQueries appointments;
    private final DeskCalendarQueries desks;
    private final Clock clock;

    AppointmentChangesController(
            ActingCommandGateway commands, AppointmentQueries appointments, DeskCalendarQueries desks, Clock clock) {
        this.commands = commands;
        this.appointments = appointments;
        this.desks = desks;
        this.clock = clock;
    }

    /**
     * @param reference the court's reference of the order (process number)
     * @param deadline the last day the court allows for the appointment
     */
    record CourtOrderRequest(@NotBlank @Size(max = 100) String reference, @NotNull LocalDate deadline) {}

    @PostMapping("/cases/{caseId}/appointment/reschedule")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER})
    @Operation(
            summary = "The applicant asks for another date (policy: how often); 202, 409 without an appointment or"
                    + " past the limit")
    ResponseEntity<Void> reschedule(@PathVariable UUID caseId) {
        var found = appointments.findAppointment(caseId).orElseThrow(() -> new CaseNotFound(new CaseId(caseId)));
        commands.send(new RequestReschedule(new CaseId(caseId)));
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/cases/{caseId}/appointment/missed")
    @AllowedRoles(Role.CASEWORKER)
    @Operation(
            summary = "Nobody of the household came: the first time a new appointment is booked after the missed one,"
                    + " then the case is flagged to a caseworker; 202, 409 without an appointment or before it starts")
    ResponseEntity<Void> missed(@PathVariable UUID caseId) {
        // the rule compares with the appointment's local time at its desk: the Açores keep another hour
        ZoneId zone = appointments
                .findAppointment(caseId)
                .map(found -> found.view().deskId())
                .flatMap(desks::find)
                .map(desk -> RegionZones.of(desk.region()))
                .orElse(clock.getZone());
        commands.send(new RecordMissedAppointment(new CaseId(caseId), LocalDateTime.now(clock.withZone(zone))));
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/cases/{caseId}/court-orders")
    @AllowedRoles({Role.CASEWORKER, Role.OPERATIONS})
    @Operation(
            summary = "A court ordered AIMA to act by a deadline: the case goes to the priority lane; 202, 400 without"
                    + " a deadline or with one in the past, 404 for an unknown case")
    ResponseEntity<Void> courtOrder(@PathVariable UUID caseId, @Valid @RequestBody CourtOrderRequest request) {
        if (request.deadline().isBefore(LocalDate.now(clock))) {
            throw InvalidRequest.of("deadline", "must be today or later");
        }
        commands.send(new RegisterCourtOrder(new CaseId(caseId), request.reference(), request.deadline()));
        return ResponseEntity.accepted().build();
    }
}
