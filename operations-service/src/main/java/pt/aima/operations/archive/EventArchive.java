package pt.aima.operations.archive;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import pt.aima.platform.privacy.Personal;

/**
 * The integration events operations-service received, kept as received: the only source of its read models. Events
 * are only ever added; what staff typed about a case is blanked once the case's applicant's data was erased.
 */
public interface EventArchive {

    /**
     * What staff typed about a case, by the published type that carries it and the field: personal data of the case's
     * applicant (a caseworker's words may name the family), which no read model here uses. A desk closure's reason
     * ({@code BiometricAppointmentRescheduled}) is about the desk, and a channel's failure ({@code NotificationFailed})
     * about the channel: not listed.
     */
    Map<String, String> STAFF_TEXT = Map.of(
            "DecisionIssued", "reasoning",
            "DecisionDeadlineExtended", "reason",
            "DocumentRejected", "reason",
            "EvidenceRequested", "reason");

    /**
     * Keeps {@code event}; call it in the transaction of the inbox row that received it.
     *
     * @return false if an event with the same id is archived already (nothing changes)
     */
    boolean keep(ArchivedEvent event);

    /**
     * Keeps {@code event} and reads its case's whole history with it ({@link #keep} then {@link #historyOf}); call it
     * in the transaction of the inbox row that received it, under the case's lock. An archive in a database does both
     * in one statement: this runs for every event the service receives.
     *
     * @return the case's history with the event, or empty if an event with the same id is archived already (nothing
     *     changes)
     */
    default Optional<CaseHistory> keepAndRead(ArchivedEvent event) {
        return keep(event) ? Optional.of(historyOf(event.caseId())) : Optional.empty();
    }

    /** Every archived event of the case, in logical order (empty for a case never heard of). */
    CaseHistory historyOf(UUID caseId);

    /** Every case in the archive, one history at a time (streamed, never the whole archive in memory). */
    void forEachCase(Consumer<CaseHistory> action);

    /** How many events the archive holds. */
    long size();

    /**
     * Sets every {@link #STAFF_TEXT} field of the case's archived events to {@link Personal#ERASED}: the case's applicant's
     * data was erased. Call it in the transaction that archives the erasure, and again for an event of the case that
     * arrives after it (the topics interleave).
     *
     * @return how many events changed
     */
    int eraseStaffText(UUID caseId);
}
