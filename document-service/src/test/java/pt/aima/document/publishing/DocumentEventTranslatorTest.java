package pt.aima.document.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistOpened;
import pt.aima.document.casedocuments.DocumentType;
import pt.aima.document.casedocuments.RequiredItem;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.RequiredDocument;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.testing.relay.IntegrationEventTranslatorContract;

/** The checklist is published with each reason's code and facts, as the rules gave them; the English words beside. */
class DocumentEventTranslatorTest {

    @Test
    void publishesTheChecklistWithEachReasonsCodeAndFactsAndWithoutOneForASentenceNotRecognised() {
        MemberId member = MemberId.newId();
        var opened = new ChecklistOpened(
                CaseId.newId(),
                "applicant-1",
                LocalDate.of(2026, 3, 10),
                List.of(
                        new RequiredItem(
                                member,
                                DocumentType.TERM_OF_RESPONSIBILITY,
                                "Term of Responsibility (Model 4, version 2024; an older version is rejected)",
                                "MODEL_4_IN_FORCE",
                                Map.of("model4Version", "2024")),
                        new RequiredItem(
                                member,
                                DocumentType.PROOF_OF_LEGAL_ENTRY,
                                "Proof of legal entry into Portugal: the member is in Portugal"),
                        new RequiredItem(member, DocumentType.PASSPORT, "Worded in some earlier way")),
                "pt");

        var published = (DocumentChecklistOpened)
                new DocumentEventTranslator().translate(opened).getFirst();

        assertThat(published.items())
                .containsExactly(
                        new RequiredDocument(
                                member,
                                "TERM_OF_RESPONSIBILITY",
                                "Term of Responsibility (Model 4, version 2024; an older version is rejected)",
                                "MODEL_4_IN_FORCE",
                                Map.of("model4Version", "2024")),
                        new RequiredDocument(
                                member,
                                "PROOF_OF_LEGAL_ENTRY",
                                "Proof of legal entry into Portugal: the member is in Portugal",
                                "MEMBER_IN_PORTUGAL",
                                Map.of()),
                        new RequiredDocument(member, "PASSPORT", "Worded in some earlier way", null, Map.of()));
    }

    @Test
    void theTypesItKeepsInsideNeverBecomeIntegrationEvents() {
        IntegrationEventTranslatorContract.assertKeptInsideTranslateToNothing(new DocumentEventTranslator());
    }
}
