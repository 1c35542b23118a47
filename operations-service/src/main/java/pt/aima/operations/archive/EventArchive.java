package pt.aima.operations.archive;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** What {@link #keepAllAndRead} did: the events it kept (new to the archive), and each of their cases' history. */
    record Kept(Set<UUID> events, Map<UUID, CaseHistory> histories) {}

    /**
     * Keeps {@code events}, in their order, and reads the whole history of every case that gained one ({@link #keep}
     * for each, then {@link #historyOf}); an event whose id is archived already is left as it is. Call it in the
     * transaction of the inbox rows that received them, under their cases' locks. An archive in a database does it all
     * in one statement: this runs for every poll of records the service takes in.
     */
    default Kept keepAllAndRead(List<ArchivedEvent> events) {
        Set<UUID> kept = new LinkedHashSet<>();
        Set<UUID> cases = new LinkedHashSet<>();
        for (ArchivedEvent event : events) {
            if (keep(event)) {
                kept.add(event.eventId());
                cases.add(event.caseId());
            }
        }
        Map<UUID, CaseHistory> histories = new LinkedHashMap<>();
        cases.forEach(caseId -> histories.put(caseId, historyOf(caseId)));
        return new Kept(kept, histories);
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
