package pt.aima.scheduling.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Objects;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.ids.CaseId;

/**
 * A case waiting for its biometric appointment, with the facts that order it.
 *
 * @param submittedOn the original submission date (for cases imported from SEF, the date they were submitted to SEF)
 * @param registeredAt when the registration was recorded: orders cases submitted on the same day
 * @param householdSize family members to be seen, one slot each, consecutively
 * @param courtDeadline the last day a court allows for the appointment, or null
 * @param previousStartsAt the appointment the case held before it had to move, or null for a first booking
 * @param notBefore the earliest day the case may be booked, or null
 * @param region where the household lives: it is booked at a desk of that region (records from before regions are in
 *     {@link Region#BEFORE_REGIONS})
 * @param waitingSince the day the case joined the queue, from which a fallback's waiting time counts (its submission
 *     date when not known)
 */
public record QueuedCase(
        CaseId caseId,
        LocalDate submittedOn,
        Instant registeredAt,
        int householdSize,
        LocalDate courtDeadline,
        LocalDateTime previousStartsAt,
        LocalDate notBefore,
        Region region,
        LocalDate waitingSince) {

    private static final Comparator<QueuedCase> REGISTRATION = Comparator.comparing(QueuedCase::submittedOn)
            .thenComparing(QueuedCase::registeredAt)
            .thenComparing(queued -> queued.caseId().value());

    /**
     * Court orders first, by deadline; then cases that lost an appointment, keeping their relative order (by the
     * appointment they had); then everybody else strictly in order of registration. Ties: registration order.
     */
    public static final Comparator<QueuedCase> QUEUE_ORDER = (a, b) -> {
        int byLane = a.lane().compareTo(b.lane());
        if (byLane != 0) {
            return byLane;
        }
        int inLane =
                switch (a.lane()) {
                    case COURT_ORDER -> a.courtDeadline().compareTo(b.courtDeadline());
                    case RESCHEDULE -> a.previousStartsAt().compareTo(b.previousStartsAt());
                    case REGISTRATION_ORDER -> 0;
                };
        return inLane != 0 ? inLane : REGISTRATION.compare(a, b);
    };

    public QueuedCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(submittedOn, "submittedOn");
        Objects.requireNonNull(registeredAt, "registeredAt");
        if (householdSize < 1) {
            throw new IllegalArgumentException("a household has at least one member");
        }
        region = region == null ? Region.BEFORE_REGIONS : region;
        waitingSince = waitingSince == null ? submittedOn : waitingSince;
    }

    /** A case of {@link Region#BEFORE_REGIONS} waiting since its submission. */
    public static QueuedCase firstBooking(CaseId caseId, LocalDate submittedOn, Instant registeredAt, int size) {
        return new QueuedCase(caseId, submittedOn, registeredAt, size, null, null, null, null, null);
    }

    public QueuedCase withCourtDeadline(LocalDate deadline) {
        return new QueuedCase(
                caseId,
                submittedOn,
                registeredAt,
                householdSize,
                deadline,
                previousStartsAt,
                notBefore,
                region,
                waitingSince);
    }

    public QueuedCase movedFrom(LocalDateTime previous, LocalDate earliest) {
        return new QueuedCase(
                caseId,
                submittedOn,
                registeredAt,
                householdSize,
                courtDeadline,
                previous,
                earliest,
                region,
                waitingSince);
    }

    /** The same case in {@code home}, waiting since {@code since}. */
    public QueuedCase in(Region home, LocalDate since) {
        return new QueuedCase(
                caseId,
                submittedOn,
                registeredAt,
                householdSize,
                courtDeadline,
                previousStartsAt,
                notBefore,
                home,
                since);
    }

    public Lane lane() {
        if (courtDeadline != null) {
            return Lane.COURT_ORDER;
        }
        return previousStartsAt != null ? Lane.RESCHEDULE : Lane.REGISTRATION_ORDER;
    }

    /** The lanes, in the order they are served. */
    public enum Lane {
        /** Court orders go before everybody, by deadline: the law sets their date. */
        COURT_ORDER,
        /** Cases whose appointment moved (closure, capacity cut, their own request, a first no-show). */
        RESCHEDULE,
        REGISTRATION_ORDER
    }
}
