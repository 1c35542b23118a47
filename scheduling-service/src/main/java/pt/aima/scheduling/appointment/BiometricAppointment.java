package pt.aima.scheduling.appointment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.eventstore.StoredAs;
import pt.aima.scheduling.appointment.AppointmentCommand.BookSlot;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordApplication;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordBiometricsCollected;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordChecklistCompleted;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordMissedAppointment;
import pt.aima.scheduling.appointment.AppointmentCommand.RegisterCourtOrder;
import pt.aima.scheduling.appointment.AppointmentCommand.ReportDeadlineAtRisk;
import pt.aima.scheduling.appointment.AppointmentCommand.RequestReschedule;
import pt.aima.scheduling.appointment.AppointmentEvent.ApplicationRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentMissed;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentReleased;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentRescheduled;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricSlotBooked;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricsRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.CaseQueued;
import pt.aima.scheduling.appointment.AppointmentEvent.CaseRegionRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.ChecklistCompletionRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.CourtOrderDeadlineAtRiskReported;
import pt.aima.scheduling.appointment.AppointmentEvent.CourtOrderRecorded;

/**
 * A case's biometric appointment, from the moment scheduling-service first hears of the case to the collection of the
 * household's biometrics.
 *
 * <p>The registration and the completed checklist come from two topics and may arrive in either order; the case
 * joins the queue once the registration (which orders it) is known and the policy's moment has come. Where it goes is
 * the scheduler's decision ({@link BookSlot}); this aggregate guards the rules of one case: one appointment at a
 * time, a reason for every move, the applicant's and the no-show limits, the court's deadline. Each fact is recorded
 * once: a repeated report changes nothing. The aggregate decides and records; the queue and the desks' slots the
 * scheduler plans with are built from its events.
 */
@StoredAs("scheduling.BiometricAppointment")
@Aggregate(
        snapshotTriggerDefinition = "appointmentSnapshotTrigger",
        cache = "aggregateCache",
        lockFactory = "aggregateLocks")
class BiometricAppointment {

    static final String APPLICANT_REQUEST = "APPLICANT_REQUEST";
    static final String MISSED_APPOINTMENT = "MISSED_APPOINTMENT";
    static final String COURT_ORDER = "COURT_ORDER";

    @AggregateIdentifier
    private CaseId caseId;

    private boolean applicationRecorded;
    private LocalDate submittedOn;
    private Instant registeredAt;
    private int householdSize;
    private List<MemberId> memberIds;
    private boolean checklistCompleted;
    private boolean queued;

    private String deskId;
    private LocalDateTime startsAt;

    /** Set while the case waits for a new appointment after giving one up. */
    private AppointmentReleased pendingMove;

    private int reschedulesRequested;
    private int missed;
    private boolean flagged;
    private boolean biometricsCollected;
    private String courtReference;
    private LocalDate courtDeadline;
    private LocalDate atRiskReportedFor;

    BiometricAppointment() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordApplication command, SchedulingPolicy policy) {
        if (applicationRecorded) {
            return;
        }
        List<MemberId> members = command.memberIds() == null ? List.of() : List.copyOf(command.memberIds());
        apply(new ApplicationRecorded(
                command.caseId(),
                command.applicantId(),
                command.submittedOn(),
                Math.max(1, members.size()),
                command.registeredAt(),
                members));
        apply(new CaseRegionRecorded(
                command.caseId(), command.region() == null ? Region.BEFORE_REGIONS : command.region()));
        queueIfSchedulable(policy);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordChecklistCompleted command, SchedulingPolicy policy) {
        if (checklistCompleted) {
            return;
        }
        apply(new ChecklistCompletionRecorded(command.caseId()));
        queueIfSchedulable(policy);
    }

    private void queueIfSchedulable(SchedulingPolicy policy) {
        boolean moment =
                switch (policy.schedulableWhen()) {
                    case REGISTERED -> true;
                    case CHECKLIST_COMPLETED -> checklistCompleted;
                };
        if (queued || !applicationRecorded || !moment) {
            return;
        }
        apply(new CaseQueued(caseId, submittedOn, registeredAt, householdSize));
    }

    @CommandHandler
    void handle(BookSlot command) {
        if (!queued || flagged || biometricsCollected) {
            return;
        }
        boolean moving = command.reasonCode() != null;
        if (deskId != null && !moving) {
            return; // booked already: the scheduler planned with stale facts
        }
        MetaData slots = new BookedSlots(
                        command.day(),
                        command.firstIndex(),
                        command.slots(),
                        command.durationMinutes() / command.slots())
                .asMetaData();
        if (deskId != null) {
            apply(
                    new AppointmentRescheduled(
                            caseId,
                            deskId,
                            startsAt,
                            command.deskId(),
                            command.startsAt(),
                            command.durationMinutes(),
                            command.reasonCode(),
                            command.reason()),
                    slots);
        } else if (pendingMove != null) {
            apply(
                    new AppointmentRescheduled(
                            caseId,
                            pendingMove.deskId(),
                            pendingMove.startsAt(),
                            command.deskId(),
                            command.startsAt(),
                            command.durationMinutes(),
                            pendingMove.reasonCode(),
                            pendingMove.reason()),
                    slots);
        } else {
            apply(
                    new BiometricSlotBooked(
                            caseId, command.deskId(), command.startsAt(), command.durationMinutes(), memberIds),
                    slots);
        }
    }

    @CommandHandler
    void handle(RequestReschedule command, SchedulingPolicy policy) {
        requireAppointment();
        if (reschedulesRequested >= policy.applicantReschedulesAllowed()) {
            throw AppointmentRefused.rescheduleLimit(policy.applicantReschedulesAllowed());
        }
        release(
                APPLICANT_REQUEST,
                "You asked for another date.",
                startsAt.toLocalDate().plusDays(1));
    }

    @CommandHandler
    void handle(RecordMissedAppointment command, SchedulingPolicy policy) {
        requireAppointment();
        if (command.nowAtDesk().isBefore(startsAt)) {
            throw AppointmentRefused.notStartedYet(startsAt);
        }
        boolean flag = missed >= policy.missedAppointmentsRescheduled();
        apply(new AppointmentMissed(caseId, deskId, startsAt, flag));
        if (!flag) {
            // like an applicant's own reschedule: the new appointment comes after the one that was missed
            release(
                    MISSED_APPOINTMENT,
                    "Nobody came to the appointment; a new one was booked.",
                    startsAt.toLocalDate().plusDays(1));
        }
    }

    @CommandHandler
    void handle(RegisterCourtOrder command) {
        if (command.deadline().equals(courtDeadline) && command.reference().equals(courtReference)) {
            return;
        }
        apply(new CourtOrderRecorded(command.caseId(), command.reference(), command.deadline()));
        if (deskId != null && !biometricsCollected && startsAt.toLocalDate().isAfter(courtDeadline)) {
            release(COURT_ORDER, "A court ordered an earlier appointment.", null);
        }
    }

    @CommandHandler
    void handle(ReportDeadlineAtRisk command) {
        if (courtDeadline == null || courtDeadline.equals(atRiskReportedFor)) {
            return;
        }
        apply(new CourtOrderDeadlineAtRiskReported(
                caseId, courtReference, courtDeadline, command.earliestPossibleOn(), command.reasonCode()));
    }

    @CommandHandler
    void handle(RecordBiometricsCollected command) {
        if (deskId == null) {
            throw BiometricsNotAllowed.noAppointment();
        }
        if (biometricsCollected) {
            throw BiometricsNotAllowed.alreadyCollected();
        }
        apply(new BiometricsRecorded(caseId, deskId));
    }

    private void requireAppointment() {
        if (biometricsCollected) {
            throw AppointmentRefused.alreadyCollected();
        }
        if (deskId == null) {
            throw AppointmentRefused.noAppointment();
        }
    }

    private void release(String reasonCode, String reason, LocalDate notBefore) {
        apply(new AppointmentReleased(caseId, deskId, startsAt, reasonCode, reason, notBefore));
    }

    @EventSourcingHandler
    void on(ApplicationRecorded event) {
        caseId = event.caseId();
        applicationRecorded = true;
        submittedOn = event.submittedOn();
        registeredAt = event.registeredAt();
        householdSize = event.householdSize();
        memberIds = event.memberIds();
    }

    @EventSourcingHandler
    void on(ChecklistCompletionRecorded event) {
        caseId = event.caseId();
        checklistCompleted = true;
    }

    @EventSourcingHandler
    void on(CaseQueued event) {
        queued = true;
    }

    @EventSourcingHandler
    void on(BiometricSlotBooked event) {
        caseId = event.caseId();
        deskId = event.deskId();
        startsAt = event.startsAt();
    }

    @EventSourcingHandler
    void on(AppointmentRescheduled event) {
        deskId = event.deskId();
        startsAt = event.startsAt();
        pendingMove = null;
    }

    @EventSourcingHandler
    void on(AppointmentReleased event) {
        pendingMove = event;
        if (APPLICANT_REQUEST.equals(event.reasonCode())) {
            reschedulesRequested++;
        }
        deskId = null;
        startsAt = null;
    }

    @EventSourcingHandler
    void on(AppointmentMissed event) {
        missed++;
        if (event.flaggedToCaseworker()) {
            flagged = true;
            deskId = null;
            startsAt = null;
        }
    }

    @EventSourcingHandler
    void on(CourtOrderRecorded event) {
        caseId = event.caseId();
        courtReference = event.reference();
        courtDeadline = event.deadline();
    }

    @EventSourcingHandler
    void on(CourtOrderDeadlineAtRiskReported event) {
        atRiskReportedFor = event.deadline();
    }

    @EventSourcingHandler
    void on(BiometricsRecorded event) {
        biometricsCollected = true;
    }
}
