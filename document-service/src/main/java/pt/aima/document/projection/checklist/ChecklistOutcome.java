package pt.aima.document.projection.checklist;

import java.util.List;
import org.springframework.stereotype.Component;
import pt.aima.platform.audit.OutcomePart;
import pt.aima.platform.audit.OutcomeParts;

/**
 * The checklists' part of document-service's outcome checksum: every case's checklist item by item, in checklist
 * order. Document ids (new at every upload) and times of processing are left out; the items' statuses and rejection
 * reasons stay in.
 */
@Component
class ChecklistOutcome implements OutcomeParts {

    @Override
    public List<OutcomePart> outcomeParts() {
        return List.of(
                new OutcomePart(
                        "checklists",
                        "every checklist item: case, applicant, submission date, checklist complete, member, position,"
                                + " document type, reason, status, rejection code and reason",
                        """
                select c.case_id, c.applicant_id, c.submitted_on, c.complete, i.member_id, i.position, i.document_type,
                       i.reason, i.status, i.rejection_code, i.rejection_reason
                from checklist_case c left join checklist_item i on i.case_id = c.case_id
                order by c.case_id, i.position, i.member_id, i.document_type
                """));
    }
}
