package pt.aima.kernel.document;

import java.util.List;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/** The documents the case needs, per family member, each with the reason it is required. */
@PublishedEvent(type = "DocumentChecklistOpened", version = 1)
public record DocumentChecklistOpened(CaseId caseId, List<RequiredDocument> items) implements DocumentEvent {

    public DocumentChecklistOpened {
        items = List.copyOf(items);
    }
}
