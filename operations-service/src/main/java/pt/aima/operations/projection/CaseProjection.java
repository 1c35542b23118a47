package pt.aima.operations.projection;

import java.util.List;
import pt.aima.operations.archive.CaseHistory;
import pt.aima.operations.casefile.CaseFile;

/**
 * A read model derived case by case from the event archive. Each time an event of a case arrives, {@link ReadModels}
 * hands every projection the case's whole history (and its fold): the projection replaces the case's rows with what
 * the history says. The result depends only on the archived events, never on their arrival order nor on the clock,
 * so a rebuild from the archive gives exactly the live tables.
 *
 * <p>To add a read model: a Spring bean implementing this in {@code projection.<name>}, its tables in a migration, its
 * queries beside it. Rebuild, checksums and the per-case lock come with it.
 */
public interface CaseProjection {

    /** The tables this read model writes: emptied before a rebuild, compared by checksum after it. */
    List<String> tables();

    /**
     * Replaces the case's rows with what its history says; runs in the transaction that archived the event, under the
     * case's lock (no other event of the case is projected meanwhile).
     */
    void project(CaseHistory history, CaseFile file);

    /** A case's history and its fold, as {@link #project} takes them. */
    record Case(CaseHistory history, CaseFile file) {}

    /**
     * Replaces the rows of each of {@code cases} (different cases) with what its history says, as {@link #project}
     * does for each in turn, which is what this default does. A read model that writes every case it is handed (one
     * whose rows change with every event) writes them all in one round trip to the database instead: a poll's
     * events come from many cases.
     */
    default void projectAll(List<Case> cases) {
        cases.forEach(one -> project(one.history(), one.file()));
    }

    /**
     * Whether {@link #project} would write for {@code after} exactly the rows it wrote for {@code before}, the same
     * case's history without the event just archived: if so, {@link ReadModels} leaves this projection's rows as they
     * are. Most events of a case change few of its read models (a slot booked moves its stage, not its deadline nor its
     * members' stays), and every write is a statement for every event the service receives. A projection that knows
     * which facts its rows are made of compares those here; the default writes for every event.
     *
     * <p>The rows in the tables are then those of the last event that changed them, written by the code of that day: a
     * change to a projection's code takes a rebuild to reach every case, as it always did for cases that receive no
     * further event.
     */
    default boolean sameRows(CaseHistory before, CaseFile beforeFile, CaseHistory after, CaseFile afterFile) {
        return false;
    }

    /**
     * Its tables were emptied for a rebuild, in the current transaction (the cases are projected again in it next): a
     * read model that remembers anything about its rows outside them forgets it when that transaction commits.
     */
    default void emptied() {}
}
