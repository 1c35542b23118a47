package pt.aima.kernel.application;

import java.util.List;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * The case was decided. A refusal always carries its grounds; the applicant may appeal it.
 *
 * @param grounds codes of the legal grounds (for a refusal: conditions not met, entry ban, public order ...)
 * @param reasoning the caseworker's statement of reasons as given to the applicant
 */
@PublishedEvent(type = "DecisionIssued", version = 1)
public record DecisionIssued(CaseId caseId, Outcome outcome, List<String> grounds, String reasoning)
        implements ApplicationEvent {

    public enum Outcome {
        GRANTED,
        REFUSED
    }

    public DecisionIssued {
        grounds = List.copyOf(grounds);
    }
}
