package pt.aima.operations.archive;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * The integration events operations-service received, kept as received: the only source of its read models. Events
 * are only ever added.
 */
public interface EventArchive {

    /**
     * Keeps {@code event}; call it in the transaction of the inbox row that received it.
     *
     * @return false if an event with the same id is archived already (nothing changes)
     */
    boolean keep(ArchivedEvent event);

    /** Every archived event of the case, in logical order (empty for a case never heard of). */
    CaseHistory historyOf(UUID caseId);

    /** Every case in the archive, one history at a time (streamed, never the whole archive in memory). */
    void forEachCase(Consumer<CaseHistory> action);

    /** How many events the archive holds. */
    long size();
}
