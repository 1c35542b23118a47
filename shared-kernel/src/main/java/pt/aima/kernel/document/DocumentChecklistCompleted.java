package pt.aima.kernel.document;

import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/** Every required document of every family member is accepted. */
@PublishedEvent(type = "DocumentChecklistCompleted", version = 1)
public record DocumentChecklistCompleted(CaseId caseId) implements DocumentEvent {}
