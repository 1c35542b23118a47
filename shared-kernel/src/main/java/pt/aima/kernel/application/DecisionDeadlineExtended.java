package pt.aima.kernel.application;

import java.time.LocalDate;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * A caseworker extended the case's legal decision deadline, once, for the complexity of the case (Lei 23/2007, art.
 * 105), before the decision and while the deadline still ran; the applicant is told. When it happened is the
 * envelope's {@code occurredAt}.
 *
 * @param reason the caseworker's statement of why the case needs more time, as given to the applicant (not
 *     translated)
 * @param decideBy the new last day for the decision, counted by application-service from the {@link
 *     DecisionDeadlinePolicy} rule in force on the case's registration date: what the applicant is told. A consumer
 *     with the same policy counts the same day ({@code policy.deadline(submittedOn, true)})
 */
@PublishedEvent(type = "DecisionDeadlineExtended", version = 1)
public record DecisionDeadlineExtended(CaseId caseId, String reason, LocalDate decideBy) implements ApplicationEvent {}
