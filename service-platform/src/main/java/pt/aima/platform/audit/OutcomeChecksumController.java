package pt.aima.platform.audit;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/**
 * The service's outcome checksum (see {@link OutcomeChecksum}): an auditor compares it between the original run of the
 * recovery operation and a reproduction (the same legacy file, clock, desks and policies on a fresh system).
 */
@RestController
public class OutcomeChecksumController {

    private final String service;
    private final OutcomeChecksum checksum;
    private final ObjectProvider<OutcomeParts> parts;

    public OutcomeChecksumController(String service, OutcomeChecksum checksum, ObjectProvider<OutcomeParts> parts) {
        this.service = service;
        this.checksum = checksum;
        this.parts = parts;
    }

    /**
     * @param checksum the SHA-256 over the parts (hexadecimal)
     * @param parts each part's name, what it holds, its row count and its own SHA-256
     */
    public record OutcomeChecksumView(
            String service, String algorithm, String checksum, List<OutcomeChecksum.PartDigest> parts) {}

    @GetMapping("/audit/outcome-checksum")
    @AllowedRoles(Role.AUDITOR)
    @Operation(
            summary = "A digest of this service's business outcome in canonical order, equal between two runs of the"
                    + " same operation (same legacy file, clock, desks and policies on a fresh system)")
    public OutcomeChecksumView outcomeChecksum() {
        List<OutcomePart> all = parts.orderedStream()
                .flatMap(source -> source.outcomeParts().stream())
                .toList();
        OutcomeChecksum.Digest digest = checksum.digest(all);
        return new OutcomeChecksumView(service, digest.algorithm(), digest.checksum(), digest.parts());
    }
}
