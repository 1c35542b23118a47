package pt.aima.platform.integrity;

import io.swagger.v3.oas.annotations.Operation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/** Verifies this service's event store on request: its chains, its signed checkpoints and their published copies. */
@RestController
public class IntegrityController {

    private final String service;
    private final DataSource dataSource;
    private final TrustedKey key;
    private final Supplier<PublishedCheckpoints> published;
    private final Duration maxCheckpointLag;

    public IntegrityController(
            String service,
            DataSource dataSource,
            TrustedKey key,
            Supplier<PublishedCheckpoints> published,
            Duration maxCheckpointLag) {
        this.service = service;
        this.dataSource = dataSource;
        this.key = key;
        this.published = published;
        this.maxCheckpointLag = maxCheckpointLag;
    }

    @GetMapping("/audit/integrity")
    @AllowedRoles(Role.AUDITOR)
    @Operation(
            summary = "Verifies the whole event store: every event's hash chain, every signed checkpoint and its"
                    + " published copy on Kafka; status INTACT or TAMPERED with each finding located (aggregate,"
                    + " sequence number, global index, checkpoint) and what differs")
    public IntegrityReport verify() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new IntegrityVerifier(service, key, maxCheckpointLag, IntegrityVerifier.Progress.NONE)
                    .verify(connection, published);
        }
    }
}
