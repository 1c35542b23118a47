package pt.aima.scheduling.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.kernel.application.Region;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import pt.aima.platform.web.ProblemDetailsAdvice.FieldProblem;
import pt.aima.scheduling.desk.DeskCommand.CloseDesk;
import pt.aima.scheduling.desk.DeskCommand.SetCapacity;
import pt.aima.scheduling.desk.DeskId;
import pt.aima.scheduling.projection.deskcalendar.DeskCalendarQueries;
import pt.aima.scheduling.schedule.DeskPlan;

/**
 * Operations define and change the desks' daily capacity; a new desk names the region it serves. Every change is an event; appointments a change no longer
 * allows are moved by the next scheduling pass, each with its reason. A refused request changes nothing.
 */
@RestController
@Tag(name = "Desks")
class DeskController {

    private static final String DESK_ID = "[A-Z0-9][A-Z0-9-]{0,49}";
    private static final String REGIONS =
            Arrays.stream(Region.values()).map(Region::name).collect(Collectors.joining(", "));

    private final ActingCommandGateway commands;
    private final DeskCalendarQueries desks;
    private final Clock clock;

    DeskController(ActingCommandGateway commands, DeskCalendarQueries desks, Clock clock) {
        this.commands = commands;
        this.desks = desks;
        this.clock = clock;
    }

    /**
     * @param effectiveFrom first day the capacity applies (today or later)
     * @param effectiveUntil last day it applies, or null until the next change
     * @param slotsPerDay appointments (one per family member) per opening day; 0 takes nobody
     * @param region the region the desk serves, from the published list (e.g. LISBOA, PORTO, FARO, ACORES): required
     *     for a new desk; an existing desk keeps its region when it is left out, and never changes it
     */
    record CapacityRequest(
            @NotNull LocalDate effectiveFrom,
            LocalDate effectiveUntil,
            @NotNull Set<DayOfWeek> openingDays,
            @NotNull @Min(0) @Max(1440) Integer slotsPerDay,
            @NotNull LocalTime firstSlot,
            @NotNull @Min(1) @Max(480) Integer slotMinutes,
            @Size(max = 500) String reason,
            String region) {}

    record ClosureRequest(
            @NotNull LocalDate from, @NotNull LocalDate until, @NotBlank @Size(max = 500) String reason) {}

    @GetMapping("/desks")
    @AllowedRoles({Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "Every desk's capacity calendar: its capacity periods and closures, in the order set")
    List<DeskPlan> all() {
        return desks.all();
    }

    @GetMapping("/desks/{deskId}")
    @AllowedRoles({Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "One desk's capacity calendar; 404 for an unknown desk")
    DeskPlan one(@PathVariable String deskId) {
        requireDeskId(deskId);
        return desks.find(deskId).orElseThrow(() -> new DeskNotFound(deskId));
    }

    @PutMapping("/desks/{deskId}/capacity")
    @AllowedRoles(Role.OPERATIONS)
    @Operation(
            summary =
                    "Define a desk in a region, or change its opening days and slots from a day on; 202, 400 naming"
                            + " the field (an unknown region, or none for a new desk), 409 DESK_REGION_FIXED for another region")
    ResponseEntity<Void> setCapacity(@PathVariable String deskId, @Valid @RequestBody CapacityRequest request) {
        requireDeskId(deskId);
        List<FieldProblem> errors = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        if (request.effectiveFrom().isBefore(today)) {
            errors.add(new FieldProblem("effectiveFrom", "must be today or later"));
        }
        if (request.effectiveUntil() != null && request.effectiveUntil().isBefore(request.effectiveFrom())) {
            errors.add(new FieldProblem("effectiveUntil", "must not be before effectiveFrom"));
        }
        if (request.firstSlot().toSecondOfDay() / 60 + (long) request.slotsPerDay() * request.slotMinutes() > 24 * 60) {
            errors.add(new FieldProblem("slotsPerDay", "the day's slots must end by midnight"));
        }
        Region region = null;
        if (request.region() == null) {
            if (desks.find(deskId).isEmpty()) {
                errors.add(new FieldProblem("region", "required for a new desk"));
            }
        } else {
            region = Region.fromCode(request.region()).orElse(null);
            if (region == null) {
                errors.add(new FieldProblem("region", "not a region of the published list: " + REGIONS));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        commands.send(new SetCapacity(
                new DeskId(deskId),
                request.effectiveFrom(),
                request.effectiveUntil(),
                request.openingDays(),
                request.slotsPerDay(),
                request.firstSlot(),
                request.slotMinutes(),
                request.reason(),
                region));
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/desks/{deskId}/closures")
    @AllowedRoles(Role.OPERATIONS)
    @Operation(
            summary = "Close a desk from one day to another (inclusive); its appointments move, each with the reason;"
                    + " 202, 400, 404 for an unknown desk")
    ResponseEntity<Void> close(@PathVariable String deskId, @Valid @RequestBody ClosureRequest request) {
        requireDeskId(deskId);
        if (desks.find(deskId).isEmpty()) {
            throw new DeskNotFound(deskId);
        }
        List<FieldProblem> errors = new ArrayList<>();
        if (request.from().isBefore(LocalDate.now(clock))) {
            errors.add(new FieldProblem("from", "must be today or later"));
        }
        if (request.until().isBefore(request.from())) {
            errors.add(new FieldProblem("until", "must not be before from"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        commands.send(new CloseDesk(new DeskId(deskId), request.from(), request.until(), request.reason()));
        return ResponseEntity.accepted().build();
    }

    private static void requireDeskId(String deskId) {
        if (!deskId.matches(DESK_ID)) {
            throw InvalidRequest.of("deskId", "capital letters, digits and dashes, at most 50");
        }
    }
}
