package pt.aima.document.projection.evidence;

import java.util.List;
import org.springframework.stereotype.Component;
import pt.aima.platform.audit.OutcomePart;
import pt.aima.platform.audit.OutcomeParts;

/**
 * The evidence requests' part of document-service's outcome checksum: what was asked of whom, by when, and how it
 * stands. Request ids (new at every request) and times of processing are left out.
 */
@Component
class EvidenceRequestOutcome implements OutcomeParts {

    @Override
    public List<OutcomePart> outcomeParts() {
        return List.of(
                new OutcomePart(
                        "evidence-requests",
                        "every evidence request: case, member, document types, reason, requested on, respond by, remind on,"
                                + " status, reminded, received on, AIMA's response date, AIMA overdue",
                        """
                select case_id, member_id, document_types, reason, requested_on, respond_by, remind_on, status,
                       reminded, received_on, aima_respond_by, aima_overdue
                from evidence_request
                order by case_id, requested_on, respond_by, document_types, member_id, reason, status
                """));
    }
}
