package pt.aima.application.casefile;

import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

/** The case names no family member with this id (HTTP 404). */
public class MemberNotFound extends RuntimeException {

    public MemberNotFound(CaseId caseId, MemberId memberId) {
        super("case " + caseId + " names no family member " + memberId);
    }
}
