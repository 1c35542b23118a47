package pt.aima.operations.casefile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import pt.aima.operations.ScriptedHistory.Published;
import pt.aima.operations.archive.ArchivedEvent;
import pt.aima.operations.archive.CaseHistory;
import pt.aima.operations.archive.EventArchive;

/** The archive's contract in memory (a redelivered event id is kept once), for tests of the folds alone. */
final class InMemoryArchive implements EventArchive {

    private final Map<UUID, ArchivedEvent> byId = new LinkedHashMap<>();

    boolean receive(Published published) {
        return keep(new ArchivedEvent(published.topic(), 0, byId.size(), Instant.now(), published.envelope(), "{}"));
    }

    @Override
    public boolean keep(ArchivedEvent event) {
        return byId.putIfAbsent(event.eventId(), event) == null;
    }

    @Override
    public CaseHistory historyOf(UUID caseId) {
        return CaseHistory.of(
                caseId,
                byId.values().stream().filter(e -> e.caseId().equals(caseId)).toList());
    }

    @Override
    public void forEachCase(Consumer<CaseHistory> action) {
        byId.values().stream()
                .map(ArchivedEvent::caseId)
                .distinct()
                .map(this::historyOf)
                .forEach(action);
    }

    /** The folds read no staff text: nothing to blank here. */
    @Override
    public int eraseStaffText(UUID caseId) {
        return 0;
    }

    @Override
    public long size() {
        return byId.size();
    }

    List<ArchivedEvent> all() {
        return new ArrayList<>(byId.values());
    }
}
