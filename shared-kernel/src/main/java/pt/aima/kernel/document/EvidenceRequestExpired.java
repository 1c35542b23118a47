package pt.aima.kernel.document;

import java.time.LocalDate;
import java.util.List;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

/** The deadline of an evidence request passed (the end of {@code respondBy}) without the evidence arriving. */
@PublishedEvent(type = "EvidenceRequestExpired", version = 1)
public record EvidenceRequestExpired(
        CaseId caseId, String requestId, MemberId memberId, List<String> documentTypes, LocalDate respondBy)
        implements DocumentEvent {

    public EvidenceRequestExpired {
        documentTypes = List.copyOf(documentTypes);
    }
}
