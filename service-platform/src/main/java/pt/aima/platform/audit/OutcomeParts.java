package pt.aima.platform.audit;

import java.util.List;

/**
 * What a read model or a process contributes to its service's outcome checksum ({@code GET /audit/outcome-checksum}):
 * a Spring bean of the service, beside the tables it describes.
 */
public interface OutcomeParts {

    List<OutcomePart> outcomeParts();
}
