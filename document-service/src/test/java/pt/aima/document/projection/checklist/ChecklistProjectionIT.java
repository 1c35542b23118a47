package pt.aima.document.projection.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pt.aima.document.ReadModelContext;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistCompleted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistOpened;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionAccepted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionRejected;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionUploaded;
import pt.aima.document.casedocuments.DocumentType;
import pt.aima.document.casedocuments.Language;
import pt.aima.document.casedocuments.RequiredItem;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;

/**
 * The checklist projection's handlers against the real table: each event is applied once, in the case's order. A
 * redelivered event, or one older than what the row has applied, changes neither the case row nor its items.
 */
class ChecklistProjectionIT extends ReadModelContext {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    @Autowired
    ChecklistProjection projection;

    @Autowired
    ChecklistQueries queries;

    @Autowired
    JdbcClient jdbc;

    private final CaseId caseId = CaseId.newId();
    private final MemberId spouse = MemberId.newId();
    private final ChecklistOpened opened = new ChecklistOpened(
            caseId,
            "applicant-projection",
            LocalDate.of(2026, 11, 2),
            List.of(
                    new RequiredItem(spouse, DocumentType.PASSPORT, "Identity"),
                    new RequiredItem(spouse, DocumentType.MARRIAGE_CERTIFICATE, "Family tie")),
            "pt");

    @Test
    void aRedeliveredOpeningNeitherDuplicatesNorResetsTheItems() {
        projection.on(opened, 0, T0);
        DocumentId passport = DocumentId.newId();
        projection.on(uploaded(passport, DocumentType.PASSPORT), 1, T0.plusSeconds(1));

        projection.on(opened, 0, T0);

        ChecklistView view = queries.findChecklist(caseId).orElseThrow();
        assertThat(view.members()).singleElement().satisfies(member -> {
            assertThat(member.items()).extracting(ChecklistView.Item::status).containsExactly("UPLOADED", "MISSING");
            assertThat(member.items().getFirst().documentId()).isEqualTo(passport.value());
        });
        assertThat(lastSequence()).isEqualTo(1);
        assertThat(updatedAt()).isEqualTo(T0.plusSeconds(1).atOffset(ZoneOffset.UTC));
    }

    @Test
    void aStaleUploadDoesNotUndoALaterRejectionAndALaterUploadDoes() {
        projection.on(opened, 0, T0);
        DocumentId first = DocumentId.newId();
        DocumentVersionUploaded firstUpload = uploaded(first, DocumentType.PASSPORT);
        projection.on(firstUpload, 1, T0.plusSeconds(1));
        projection.on(
                new DocumentVersionRejected(caseId, first, spouse, DocumentType.PASSPORT, "EXPIRED", "Expired."),
                2,
                T0.plusSeconds(2));

        projection.on(firstUpload, 1, T0.plusSeconds(1));

        ChecklistView.Item passport = passport();
        assertThat(passport.status()).isEqualTo("REJECTED");
        assertThat(passport.rejectionReasonCode()).isEqualTo("EXPIRED");
        assertThat(passport.rejectionReason()).isEqualTo("Expired.");
        assertThat(lastSequence()).isEqualTo(2);

        DocumentId second = DocumentId.newId();
        projection.on(uploaded(second, DocumentType.PASSPORT), 3, T0.plusSeconds(3));

        passport = passport();
        assertThat(passport.status()).isEqualTo("UPLOADED");
        assertThat(passport.documentId()).isEqualTo(second.value());
        assertThat(passport.rejectionReasonCode()).isNull();
        assertThat(passport.rejectionReason()).isNull();
    }

    @Test
    void completionIsAppliedInOrderOnce() {
        projection.on(opened, 0, T0);
        DocumentId passport = DocumentId.newId();
        DocumentId marriage = DocumentId.newId();
        projection.on(uploaded(passport, DocumentType.PASSPORT), 1, T0.plusSeconds(1));
        projection.on(uploaded(marriage, DocumentType.MARRIAGE_CERTIFICATE), 2, T0.plusSeconds(2));
        projection.on(new DocumentVersionAccepted(caseId, passport, spouse, DocumentType.PASSPORT), 3, T0);
        DocumentVersionAccepted lastAcceptance =
                new DocumentVersionAccepted(caseId, marriage, spouse, DocumentType.MARRIAGE_CERTIFICATE);
        projection.on(lastAcceptance, 4, T0.plusSeconds(4));
        assertThat(queries.findChecklist(caseId).orElseThrow().complete()).isFalse();

        projection.on(new ChecklistCompleted(caseId), 5, T0.plusSeconds(5));
        projection.on(lastAcceptance, 4, T0.plusSeconds(4));

        ChecklistView view = queries.findChecklist(caseId).orElseThrow();
        assertThat(view.complete()).isTrue();
        assertThat(view.members().getFirst().complete()).isTrue();
        assertThat(lastSequence()).isEqualTo(5);
        assertThat(updatedAt()).isEqualTo(T0.plusSeconds(5).atOffset(ZoneOffset.UTC));
    }

    /**
     * The reader gets each reason in their language from its code and facts (the applicant's language unless asked
     * otherwise), the rules' sentence in English, and the generic reason for an item without a code; codes and facts
     * travel as they are.
     */
    @Test
    void wordsEachReasonInTheReadersLanguageAndKeepsItsCodeAndFacts() {
        ChecklistOpened english = new ChecklistOpened(
                caseId,
                "applicant-projection",
                LocalDate.of(2026, 11, 2),
                List.of(
                        new RequiredItem(
                                spouse,
                                DocumentType.LANDLORD_DECLARATION,
                                "The household lives there as tenant: a declaration from the landlord or accommodation"
                                        + " entity",
                                "HOME_NOT_OWNED",
                                Map.of("addressTitle", "TENANT")),
                        new RequiredItem(spouse, DocumentType.PASSPORT, "Worded in some earlier way")),
                "en");
        projection.on(english, 0, T0);

        List<ChecklistView.Item> asTheApplicantReads =
                queries.findChecklist(caseId).orElseThrow().members().getFirst().items();
        ChecklistView inPortuguese = queries.findChecklist(caseId, Language.PT).orElseThrow();

        assertThat(queries.findChecklist(caseId).orElseThrow().language()).isEqualTo("en");
        assertThat(asTheApplicantReads)
                .extracting(ChecklistView.Item::reason)
                .containsExactly(
                        "The household lives there as tenant: a declaration from the landlord or accommodation entity",
                        "Worded in some earlier way");
        assertThat(inPortuguese.language()).isEqualTo("pt");
        assertThat(inPortuguese.members().getFirst().items())
                .extracting(
                        ChecklistView.Item::reason, ChecklistView.Item::reasonCode, ChecklistView.Item::reasonValues)
                .containsExactly(
                        tuple(
                                "O agregado familiar habita a casa como arrendatário: declaração do senhorio ou da"
                                        + " entidade que o aloja",
                                "HOME_NOT_OWNED",
                                Map.of("addressTitle", "TENANT")),
                        tuple("Exigido para o seu pedido", null, Map.of()));
    }

    @Test
    void aChecklistOpenedBeforeTheLanguageWasRecordedIsReadInPortuguese() {
        projection.on(
                new ChecklistOpened(
                        caseId,
                        "applicant-projection",
                        LocalDate.of(2026, 11, 2),
                        List.of(new RequiredItem(
                                spouse,
                                DocumentType.PROOF_OF_LEGAL_ENTRY,
                                "Proof of legal entry into Portugal: the member is in Portugal")),
                        null),
                0,
                T0);

        ChecklistView view = queries.findChecklist(caseId).orElseThrow();

        assertThat(view.language()).isEqualTo("pt");
        assertThat(view.members().getFirst().items().getFirst().reason())
                .isEqualTo("Prova da entrada legal em Portugal: o membro da família encontra-se em Portugal");
        assertThat(view.members().getFirst().items().getFirst().reasonCode()).isEqualTo("MEMBER_IN_PORTUGAL");
    }

    @Test
    void anEventForACaseWithoutAChecklistChangesNothing() {
        projection.on(uploaded(DocumentId.newId(), DocumentType.PASSPORT), 1, T0);
        projection.on(new ChecklistCompleted(caseId), 2, T0);

        assertThat(queries.findChecklist(caseId)).isEmpty();
        assertThat(jdbc.sql("select count(*) from checklist_item where case_id = :caseId")
                        .param("caseId", caseId.value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private DocumentVersionUploaded uploaded(DocumentId documentId, DocumentType type) {
        return new DocumentVersionUploaded(
                caseId, documentId, spouse, type, "0".repeat(64), 100, "application/pdf", null);
    }

    private ChecklistView.Item passport() {
        return queries.findChecklist(caseId).orElseThrow().members().getFirst().items().stream()
                .filter(item -> item.documentType().equals("PASSPORT"))
                .findFirst()
                .orElseThrow();
    }

    private long lastSequence() {
        return jdbc.sql("select last_sequence from checklist_case where case_id = :caseId")
                .param("caseId", caseId.value())
                .query(Long.class)
                .single();
    }

    private OffsetDateTime updatedAt() {
        return jdbc.sql("select updated_at from checklist_case where case_id = :caseId")
                .param("caseId", caseId.value())
                .query(OffsetDateTime.class)
                .single();
    }
}
