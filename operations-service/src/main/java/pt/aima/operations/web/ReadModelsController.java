package pt.aima.operations.web;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.operations.archive.EventArchive;
import pt.aima.operations.projection.ReadModels;
import pt.aima.operations.projection.ReadModels.Rebuild;
import pt.aima.operations.projection.ReadModels.TableChecksum;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/** The read models and the archive they come from: their state, and a rebuild from the archive alone. */
@RestController
class ReadModelsController {

    private final ReadModels readModels;
    private final EventArchive archive;

    ReadModelsController(ReadModels readModels, EventArchive archive) {
        this.readModels = readModels;
        this.archive = archive;
    }

    /**
     * @param archivedEvents how many events the archive holds
     * @param tables each read-model table's row count and a digest of its rows (equal digests: equal contents)
     */
    record ReadModelsView(long archivedEvents, List<String> source, Map<String, TableChecksum> tables) {}

    @GetMapping("/operations/read-models")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    ReadModelsView state() {
        return new ReadModelsView(archive.size(), List.of("event_archive"), readModels.checksums());
    }

    /**
     * Empties every read model and recomputes it from the event archive alone (not from Kafka, not from the other
     * services). Readers see the previous rows until the rebuild commits; arriving events wait for it.
     */
    @PostMapping("/operations/read-models/rebuild")
    @AllowedRoles(Role.OPERATIONS)
    Rebuild rebuild() {
        return readModels.rebuild();
    }
}
