package pt.aima.platform.domain;

import pt.aima.kernel.ids.CaseId;

/** No case with this id is known to the service answering (HTTP 404). */
public class CaseNotFound extends RuntimeException {

    public CaseNotFound(CaseId caseId) {
        super("no case " + caseId);
    }
}
