package pt.aima.document.casedocuments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pt.aima.document.casedocuments.CaseDocumentsCommand.AcceptDocument;
import pt.aima.document.casedocuments.CaseDocumentsCommand.CheckEvidenceDeadlines;
import pt.aima.document.casedocuments.CaseDocumentsCommand.OpenChecklist;
import pt.aima.document.casedocuments.CaseDocumentsCommand.RejectDocument;
import pt.aima.document.casedocuments.CaseDocumentsCommand.RequestEvidence;
import pt.aima.document.casedocuments.CaseDocumentsCommand.UploadDocument;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistCompleted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistOpened;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionAccepted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionRejected;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionUploaded;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceArrived;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceReminderFellDue;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceRequestLapsed;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceRequestMade;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceReviewOverdue;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceReviewed;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;

class CaseDocumentsTest {

    private static final LocalDate SUBMITTED_ON = LocalDate.of(2026, 3, 10);
    private static final String SHA = "a".repeat(64);
    private static final LocalDate TODAY = LocalDate.of(2026, 4, 1);

    private final CaseId caseId = CaseId.newId();
    private final MemberId spouse = MemberId.newId();
    private final MemberId child = MemberId.newId();
    private final ChecklistRules rules = TestPolicies.rules();
    private AggregateTestFixture<CaseDocuments> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CaseDocuments.class);
        fixture.registerInjectableResource(rules);
    }

    @Test
    void opensTheChecklistOfEveryMemberWithTheReasonForEachItem() {
        fixture.givenNoPriorActivity()
                .when(openChecklist(household()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(checklistOpened());
    }

    @Test
    void aRegistrationDeliveredAgainChangesNothing() {
        fixture.given(checklistOpened())
                .when(openChecklist(household()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void asksForACriminalRecordFromTheDayOfTheSixteenthBirthdayOnly() {
        MemberId turnsSixteenTomorrow = MemberId.newId();
        MemberId turnsSixteenToday = MemberId.newId();
        List<HouseholdMember> household = List.of(
                new HouseholdMember(
                        turnsSixteenTomorrow,
                        Relationship.MINOR_CHILD,
                        SUBMITTED_ON.minusYears(16).plusDays(1),
                        true),
                new HouseholdMember(turnsSixteenToday, Relationship.MINOR_CHILD, SUBMITTED_ON.minusYears(16), true));

        fixture.givenNoPriorActivity()
                .when(openChecklist(household))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate((Object payload) -> payload instanceof ChecklistOpened opened
                                && !typesOf(opened.items(), turnsSixteenTomorrow)
                                        .contains(DocumentType.CRIMINAL_RECORD)
                                && typesOf(opened.items(), turnsSixteenToday).contains(DocumentType.CRIMINAL_RECORD)),
                        andNoMore())));
    }

    @Test
    void storesAnUploadForAChecklistItem() {
        DocumentId passport = DocumentId.newId();
        fixture.given(checklistOpened())
                .when(upload(passport, spouse, DocumentType.PASSPORT))
                .expectEvents(uploaded(passport, spouse, DocumentType.PASSPORT, null));
    }

    @Test
    void refusesAnUploadForAMemberTheCaseDoesNotName() {
        fixture.given(checklistOpened())
                .when(upload(DocumentId.newId(), MemberId.newId(), DocumentType.PASSPORT))
                .expectException(NotOnChecklist.class)
                .expectExceptionMessage("the case names no such family member")
                .expectNoEvents();
    }

    @Test
    void refusesAnUploadOfADocumentNotOnTheMembersChecklist() {
        fixture.given(checklistOpened())
                .when(upload(DocumentId.newId(), child, DocumentType.CRIMINAL_RECORD))
                .expectException(NotOnChecklist.class)
                .expectNoEvents();
    }

    @Test
    void aNewUploadSupersedesThePreviousVersion() {
        DocumentId first = DocumentId.newId();
        DocumentId second = DocumentId.newId();
        fixture.given(checklistOpened(), uploaded(first, spouse, DocumentType.PASSPORT, null))
                .when(upload(second, spouse, DocumentType.PASSPORT))
                .expectEvents(uploaded(second, spouse, DocumentType.PASSPORT, first));
    }

    @Test
    void refusesToVerifyASupersededVersion() {
        DocumentId first = DocumentId.newId();
        DocumentId second = DocumentId.newId();
        fixture.given(
                        checklistOpened(),
                        uploaded(first, spouse, DocumentType.PASSPORT, null),
                        uploaded(second, spouse, DocumentType.PASSPORT, first))
                .when(new AcceptDocument(caseId, first))
                .expectException(VerificationNotAllowed.class)
                .expectException(rule("DOCUMENT_SUPERSEDED"))
                .expectNoEvents();
    }

    @Test
    void refusesToVerifyADocumentTwice() {
        DocumentId passport = DocumentId.newId();
        fixture.given(
                        checklistOpened(),
                        uploaded(passport, spouse, DocumentType.PASSPORT, null),
                        new DocumentVersionAccepted(caseId, passport, spouse, DocumentType.PASSPORT))
                .when(new RejectDocument(caseId, passport, "ILLEGIBLE", "The scan cannot be read."))
                .expectException(rule("DOCUMENT_ALREADY_VERIFIED"))
                .expectNoEvents();
    }

    @Test
    void refusesToVerifyADocumentTheCaseDoesNotHave() {
        fixture.given(checklistOpened())
                .when(new AcceptDocument(caseId, DocumentId.newId()))
                .expectException(DocumentNotFound.class)
                .expectNoEvents();
    }

    @Test
    void refusesANewVersionOfAnAcceptedDocument() {
        DocumentId passport = DocumentId.newId();
        fixture.given(
                        checklistOpened(),
                        uploaded(passport, spouse, DocumentType.PASSPORT, null),
                        new DocumentVersionAccepted(caseId, passport, spouse, DocumentType.PASSPORT))
                .when(upload(DocumentId.newId(), spouse, DocumentType.PASSPORT))
                .expectException(UploadNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void rejectsADocumentWithItsReason() {
        DocumentId model4 = DocumentId.newId();
        fixture.given(checklistOpened(), uploaded(model4, spouse, DocumentType.TERM_OF_RESPONSIBILITY, null))
                .when(new RejectDocument(caseId, model4, "OUTDATED_MODEL_4", "Use the current Model 4."))
                .expectEvents(new DocumentVersionRejected(
                        caseId,
                        model4,
                        spouse,
                        DocumentType.TERM_OF_RESPONSIBILITY,
                        "OUTDATED_MODEL_4",
                        "Use the current Model 4."));
    }

    @Test
    void aNewUploadAfterARejectionCanBeAccepted() {
        DocumentId rejected = DocumentId.newId();
        DocumentId again = DocumentId.newId();
        fixture.given(
                        checklistOpened(),
                        uploaded(rejected, spouse, DocumentType.TERM_OF_RESPONSIBILITY, null),
                        new DocumentVersionRejected(
                                caseId,
                                rejected,
                                spouse,
                                DocumentType.TERM_OF_RESPONSIBILITY,
                                "OUTDATED_MODEL_4",
                                "Use the current Model 4."),
                        uploaded(again, spouse, DocumentType.TERM_OF_RESPONSIBILITY, rejected))
                .when(new AcceptDocument(caseId, again))
                .expectEvents(new DocumentVersionAccepted(caseId, again, spouse, DocumentType.TERM_OF_RESPONSIBILITY));
    }

    @Test
    void theChecklistCompletesOnlyWhenEveryItemOfEveryMemberIsAccepted() {
        List<RequiredItem> items = rules.requiredDocuments(SUBMITTED_ON, household(), null);
        List<Object> history = new java.util.ArrayList<>();
        history.add(checklistOpened());
        List<DocumentId> ids = items.stream().map(item -> DocumentId.newId()).toList();
        for (int i = 0; i < items.size(); i++) {
            history.add(
                    uploaded(ids.get(i), items.get(i).memberId(), items.get(i).documentType(), null));
        }
        int last = items.size() - 1;
        for (int i = 0; i < last; i++) {
            history.add(new DocumentVersionAccepted(
                    caseId, ids.get(i), items.get(i).memberId(), items.get(i).documentType()));
        }
        RequiredItem lastItem = items.get(last);

        // Everything but the child's last item accepted: not complete.
        fixture.given(history.subList(0, history.size() - 1))
                .when(new AcceptDocument(caseId, ids.get(last - 1)))
                .expectEvents(new DocumentVersionAccepted(
                        caseId,
                        ids.get(last - 1),
                        items.get(last - 1).memberId(),
                        items.get(last - 1).documentType()));

        // The last one accepted: complete, in the same command.
        setUp();
        fixture.given(history)
                .when(new AcceptDocument(caseId, ids.get(last)))
                .expectEvents(
                        new DocumentVersionAccepted(
                                caseId, ids.get(last), lastItem.memberId(), lastItem.documentType()),
                        new ChecklistCompleted(caseId));
    }

    @Test
    void aRejectedItemKeepsTheChecklistOpenUntilItsNewVersionIsAccepted() {
        MemberId only = spouse;
        List<HouseholdMember> household =
                List.of(new HouseholdMember(only, Relationship.SPOUSE, LocalDate.of(1990, 1, 1), false));
        List<RequiredItem> items = rules.requiredDocuments(SUBMITTED_ON, household, null);
        ChecklistOpened opened = new ChecklistOpened(caseId, "applicant-1", SUBMITTED_ON, items, "pt");
        List<Object> history = new java.util.ArrayList<>();
        history.add(opened);
        for (RequiredItem item : items) {
            DocumentId id = DocumentId.newId();
            history.add(uploaded(id, item.memberId(), item.documentType(), null));
            if (item.documentType() == DocumentType.PASSPORT) {
                history.add(new DocumentVersionRejected(
                        caseId, id, only, DocumentType.PASSPORT, "EXPIRED", "The passport has expired."));
                DocumentId renewed = DocumentId.newId();
                history.add(uploaded(renewed, only, DocumentType.PASSPORT, id));
                history.add(new DocumentVersionAccepted(caseId, renewed, only, DocumentType.PASSPORT));
            } else if (item.documentType() != DocumentType.CRIMINAL_RECORD) {
                history.add(new DocumentVersionAccepted(caseId, id, only, item.documentType()));
            }
        }
        DocumentVersionUploaded criminalRecord = history.stream()
                .filter(e -> e instanceof DocumentVersionUploaded u && u.documentType() == DocumentType.CRIMINAL_RECORD)
                .map(DocumentVersionUploaded.class::cast)
                .findFirst()
                .orElseThrow();

        fixture.given(history)
                .when(new AcceptDocument(caseId, criminalRecord.documentId()))
                .expectEvents(
                        new DocumentVersionAccepted(
                                caseId, criminalRecord.documentId(), only, DocumentType.CRIMINAL_RECORD),
                        new ChecklistCompleted(caseId));
    }

    @Test
    void survivesASnapshotRoundTrip() throws Exception {
        // The platform snapshots aggregates with Axon's Jackson 2 mapper reading fields directly.
        ObjectMapper axonMapper = new ObjectMapper()
                .findAndRegisterModules()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        DocumentId first = DocumentId.newId();
        DocumentId second = DocumentId.newId();
        DocumentId model4 = DocumentId.newId();
        DocumentId spouseAddress = DocumentId.newId();
        fixture.given(
                        checklistOpened(),
                        uploaded(first, spouse, DocumentType.PASSPORT, null),
                        uploaded(second, spouse, DocumentType.PASSPORT, first),
                        evidenceRequested("r-1", TODAY.plusDays(20)),
                        caseWideRequest("r-2", DocumentType.ADDRESS_DECLARATION, TODAY.plusDays(20)),
                        uploaded(model4, spouse, DocumentType.TERM_OF_RESPONSIBILITY, null),
                        new EvidenceArrived(caseId, "r-1", spouse, TODAY, TODAY.plusDays(15)),
                        uploaded(spouseAddress, spouse, DocumentType.ADDRESS_DECLARATION, null))
                .when(new AcceptDocument(caseId, second))
                .expectState(aggregate -> {
                    try {
                        String json = axonMapper.writeValueAsString(aggregate);
                        CaseDocuments restored = axonMapper.readValue(json, CaseDocuments.class);
                        assertThat(restored).usingRecursiveComparison().isEqualTo(aggregate);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void aCaseIsJudgedByThePolicyInForceOnItsRegistrationDateNotByALaterOne() {
        LocalDate change = SUBMITTED_ON.plusDays(1);
        fixture = new AggregateTestFixture<>(CaseDocuments.class);
        fixture.registerInjectableResource(new ChecklistRules(new PolicyCalendar(List.of(
                TestPolicies.policy(TestPolicies.EFFECTIVE_FROM, "2024", 16),
                TestPolicies.policy(change, "2026", 16)))));
        DocumentId model4 = DocumentId.newId();
        fixture.given(checklistOpened(), uploaded(model4, spouse, DocumentType.TERM_OF_RESPONSIBILITY, null))
                .when(new RejectDocument(caseId, model4, "OUTDATED_MODEL_4", "Use the current Model 4."))
                .expectEvents(new DocumentVersionRejected(
                        caseId,
                        model4,
                        spouse,
                        DocumentType.TERM_OF_RESPONSIBILITY,
                        "OUTDATED_MODEL_4",
                        "Use the current Model 4."));
    }

    @Test
    void rejectsAModel4WhoseSignatureIsNotRecognised() {
        DocumentId model4 = DocumentId.newId();
        fixture.given(checklistOpened(), uploaded(model4, spouse, DocumentType.TERM_OF_RESPONSIBILITY, null))
                .when(new RejectDocument(
                        caseId, model4, "SIGNATURE_NOT_RECOGNISED", "Have a notary, lawyer or solicitor recognise it."))
                .expectEvents(new DocumentVersionRejected(
                        caseId,
                        model4,
                        spouse,
                        DocumentType.TERM_OF_RESPONSIBILITY,
                        "SIGNATURE_NOT_RECOGNISED",
                        "Have a notary, lawyer or solicitor recognise it."));
    }

    @Test
    void refusesAReasonCodeThatIsUnknownOrDoesNotApplyToTheDocument() {
        DocumentId passport = DocumentId.newId();
        fixture.given(checklistOpened(), uploaded(passport, spouse, DocumentType.PASSPORT, null))
                .when(new RejectDocument(caseId, passport, "OUTDATED_MODEL_4", "Wrong."))
                .expectException(NotOnChecklist.class)
                .expectExceptionMessage("OUTDATED_MODEL_4 does not apply to a PASSPORT document")
                .expectNoEvents();
        setUp();
        fixture.given(checklistOpened(), uploaded(passport, spouse, DocumentType.PASSPORT, null))
                .when(new RejectDocument(caseId, passport, "NOT_A_CODE", "Wrong."))
                .expectException(NotOnChecklist.class)
                .expectNoEvents();
    }

    @Test
    void anExpiredPassportIsRejectedAndItsNewVersionAccepted() {
        DocumentId expired = DocumentId.newId();
        DocumentId renewed = DocumentId.newId();
        fixture.given(checklistOpened(), uploaded(expired, spouse, DocumentType.PASSPORT, null))
                .when(new RejectDocument(caseId, expired, "EXPIRED_PASSPORT", "The passport expired in 2025."))
                .expectEvents(new DocumentVersionRejected(
                        caseId,
                        expired,
                        spouse,
                        DocumentType.PASSPORT,
                        "EXPIRED_PASSPORT",
                        "The passport expired in 2025."));
        setUp();
        fixture.given(
                        checklistOpened(),
                        uploaded(expired, spouse, DocumentType.PASSPORT, null),
                        new DocumentVersionRejected(
                                caseId, expired, spouse, DocumentType.PASSPORT, "EXPIRED_PASSPORT", "Expired."))
                .when(upload(renewed, spouse, DocumentType.PASSPORT))
                .expectEvents(uploaded(renewed, spouse, DocumentType.PASSPORT, expired));
    }

    @Test
    void anEvidenceRequestIsRemindedBeforeItsDeadline() {
        LocalDate respondBy = TODAY.plusDays(30);
        fixture.given(checklistOpened())
                .when(requestEvidence("r-1", respondBy))
                .expectEvents(evidenceRequested("r-1", respondBy));
        setUp();
        fixture.given(checklistOpened(), evidenceRequested("r-1", respondBy))
                .when(new CheckEvidenceDeadlines(caseId, "r-1", respondBy.minusDays(8)))
                .expectNoEvents();
        setUp();
        fixture.given(checklistOpened(), evidenceRequested("r-1", respondBy))
                .when(new CheckEvidenceDeadlines(caseId, "r-1", respondBy.minusDays(7)))
                .expectEvents(new EvidenceReminderFellDue(
                        caseId, "r-1", spouse, List.of(DocumentType.TERM_OF_RESPONSIBILITY), respondBy));
        setUp();
        fixture.given(
                        checklistOpened(),
                        evidenceRequested("r-1", respondBy),
                        new EvidenceReminderFellDue(
                                caseId, "r-1", spouse, List.of(DocumentType.TERM_OF_RESPONSIBILITY), respondBy))
                .when(new CheckEvidenceDeadlines(caseId, "r-1", respondBy))
                .expectNoEvents();
    }

    @Test
    void anUnansweredRequestExpiresTheDayAfterItsDeadlineOnce() {
        LocalDate respondBy = TODAY.plusDays(30);
        var lapsed = new EvidenceRequestLapsed(
                caseId, "r-1", spouse, List.of(DocumentType.TERM_OF_RESPONSIBILITY), respondBy);
        fixture.given(checklistOpened(), evidenceRequested("r-1", respondBy))
                .when(new CheckEvidenceDeadlines(caseId, "r-1", respondBy.plusDays(1)))
                .expectEvents(lapsed);
        setUp();
        fixture.given(checklistOpened(), evidenceRequested("r-1", respondBy), lapsed)
                .when(new CheckEvidenceDeadlines(caseId, "r-1", respondBy.plusDays(2)))
                .expectNoEvents();
    }

    @Test
    void evidenceArrivingStartsAimasResponseClockWhichShowsWhenItRunsLate() {
        LocalDate respondBy = TODAY.plusDays(30);
        DocumentId model4 = DocumentId.newId();
        var arrived = new EvidenceArrived(caseId, "r-1", spouse, TODAY, TODAY.plusDays(15));
        fixture.given(checklistOpened(), evidenceRequested("r-1", respondBy))
                .when(upload(model4, spouse, DocumentType.TERM_OF_RESPONSIBILITY))
                .expectEvents(uploaded(model4, spouse, DocumentType.TERM_OF_RESPONSIBILITY, null), arrived);
        setUp();
        var answered = List.<Object>of(
                checklistOpened(),
                evidenceRequested("r-1", respondBy),
                uploaded(model4, spouse, DocumentType.TERM_OF_RESPONSIBILITY, null),
                arrived);
        // An answered request no longer expires; AIMA's own date passing is recorded once.
        fixture.given(answered)
                .when(new CheckEvidenceDeadlines(caseId, "r-1", respondBy.plusDays(1)))
                .expectEvents(new EvidenceReviewOverdue(caseId, "r-1", TODAY.plusDays(15)));
        setUp();
        fixture.given(answered)
                .when(new CheckEvidenceDeadlines(caseId, "r-1", TODAY.plusDays(15)))
                .expectNoEvents();
        setUp();
        fixture.given(answered)
                .when(new AcceptDocument(caseId, model4))
                .expectEvents(
                        new DocumentVersionAccepted(caseId, model4, spouse, DocumentType.TERM_OF_RESPONSIBILITY),
                        new EvidenceReviewed(caseId, "r-1"));
    }

    @Test
    void aCaseWideEvidenceRequestIsAnsweredOnlyWhenEveryMembersDocumentIsIn() {
        LocalDate respondBy = TODAY.plusDays(30);
        DocumentId spousePassport = DocumentId.newId();
        DocumentId childPassport = DocumentId.newId();
        EvidenceRequestMade everyPassport = caseWideRequest("r-1", DocumentType.PASSPORT, respondBy);

        fixture.given(checklistOpened(), everyPassport)
                .when(upload(spousePassport, spouse, DocumentType.PASSPORT))
                .expectEvents(uploaded(spousePassport, spouse, DocumentType.PASSPORT, null));
        setUp();
        fixture.given(checklistOpened(), everyPassport, uploaded(spousePassport, spouse, DocumentType.PASSPORT, null))
                .when(upload(childPassport, child, DocumentType.PASSPORT))
                .expectEvents(
                        uploaded(childPassport, child, DocumentType.PASSPORT, null),
                        new EvidenceArrived(caseId, "r-1", null, TODAY, TODAY.plusDays(15)));
        setUp();
        // a case-wide request ends when the last member's document is in
        fixture.given(checklistOpened(), everyPassport, uploaded(spousePassport, spouse, DocumentType.PASSPORT, null))
                .when(new CheckEvidenceDeadlines(caseId, "r-1", respondBy.plusDays(1)))
                .expectEvents(
                        new EvidenceRequestLapsed(caseId, "r-1", null, List.of(DocumentType.PASSPORT), respondBy));
    }

    @Test
    void aCaseWideEvidenceRequestDoesNotWaitForADocumentAcceptedBeforeItWasMade() {
        LocalDate respondBy = TODAY.plusDays(30);
        DocumentId spousePassport = DocumentId.newId();
        DocumentId childPassport = DocumentId.newId();
        fixture.given(
                        checklistOpened(),
                        uploaded(spousePassport, spouse, DocumentType.PASSPORT, null),
                        new DocumentVersionAccepted(caseId, spousePassport, spouse, DocumentType.PASSPORT),
                        caseWideRequest("r-1", DocumentType.PASSPORT, respondBy))
                .when(upload(childPassport, child, DocumentType.PASSPORT))
                .expectEvents(
                        uploaded(childPassport, child, DocumentType.PASSPORT, null),
                        new EvidenceArrived(caseId, "r-1", null, TODAY, TODAY.plusDays(15)));
    }

    @Test
    void aCaseWideEvidenceRequestIsReviewedWhenEveryMembersAnswerIsVerified() {
        LocalDate respondBy = TODAY.plusDays(30);
        DocumentId spousePassport = DocumentId.newId();
        DocumentId childPassport = DocumentId.newId();
        List<Object> answered = List.of(
                checklistOpened(),
                caseWideRequest("r-1", DocumentType.PASSPORT, respondBy),
                uploaded(spousePassport, spouse, DocumentType.PASSPORT, null),
                uploaded(childPassport, child, DocumentType.PASSPORT, null),
                new EvidenceArrived(caseId, "r-1", null, TODAY, TODAY.plusDays(15)));

        fixture.given(answered)
                .when(new AcceptDocument(caseId, spousePassport))
                .expectEvents(new DocumentVersionAccepted(caseId, spousePassport, spouse, DocumentType.PASSPORT));
        setUp();
        List<Object> oneVerified = new java.util.ArrayList<>(answered);
        oneVerified.add(new DocumentVersionAccepted(caseId, spousePassport, spouse, DocumentType.PASSPORT));
        fixture.given(oneVerified)
                .when(new RejectDocument(caseId, childPassport, "EXPIRED_PASSPORT", "The passport has expired."))
                .expectEvents(
                        new DocumentVersionRejected(
                                caseId,
                                childPassport,
                                child,
                                DocumentType.PASSPORT,
                                "EXPIRED_PASSPORT",
                                "The passport has expired."),
                        new EvidenceReviewed(caseId, "r-1"));
    }

    @Test
    void refusesAnEvidenceRequestForSomethingNotOnTheChecklistOrWithADeadlineNotAfterToday() {
        fixture.given(checklistOpened())
                .when(new RequestEvidence(
                        caseId,
                        "r-1",
                        child,
                        List.of(DocumentType.CRIMINAL_RECORD),
                        "Needed.",
                        TODAY,
                        TODAY.plusDays(9)))
                .expectException(NotOnChecklist.class)
                .expectNoEvents();
        setUp();
        fixture.given(checklistOpened())
                .when(requestEvidence("r-1", TODAY))
                .expectException(NotOnChecklist.class)
                .expectNoEvents();
        setUp();
        DocumentId accepted = DocumentId.newId();
        fixture.given(
                        checklistOpened(),
                        uploaded(accepted, spouse, DocumentType.TERM_OF_RESPONSIBILITY, null),
                        new DocumentVersionAccepted(caseId, accepted, spouse, DocumentType.TERM_OF_RESPONSIBILITY))
                .when(requestEvidence("r-1", TODAY.plusDays(9)))
                .expectException(NotOnChecklist.class)
                .expectExceptionMessage("TERM_OF_RESPONSIBILITY is already accepted: nothing to ask for")
                .expectNoEvents();
        setUp();
        fixture.given(checklistOpened())
                .when(new RequestEvidence(
                        caseId,
                        "r-1",
                        MemberId.newId(),
                        List.of(DocumentType.PASSPORT),
                        "Needed.",
                        TODAY,
                        TODAY.plusDays(9)))
                .expectException(NotOnChecklist.class)
                .expectNoEvents();
    }

    private RequestEvidence requestEvidence(String requestId, LocalDate respondBy) {
        return new RequestEvidence(
                caseId,
                requestId,
                spouse,
                List.of(DocumentType.TERM_OF_RESPONSIBILITY),
                "The current Model 4 is missing.",
                TODAY,
                respondBy);
    }

    private EvidenceRequestMade evidenceRequested(String requestId, LocalDate respondBy) {
        return new EvidenceRequestMade(
                caseId,
                requestId,
                spouse,
                List.of(DocumentType.TERM_OF_RESPONSIBILITY),
                "The current Model 4 is missing.",
                TODAY,
                respondBy,
                respondBy.minusDays(7));
    }

    private EvidenceRequestMade caseWideRequest(String requestId, DocumentType type, LocalDate respondBy) {
        return new EvidenceRequestMade(
                caseId,
                requestId,
                null,
                List.of(type),
                "Every member's document is needed.",
                TODAY,
                respondBy,
                respondBy.minusDays(7));
    }

    private List<HouseholdMember> household() {
        return List.of(
                new HouseholdMember(spouse, Relationship.SPOUSE, LocalDate.of(1990, 5, 1), false),
                new HouseholdMember(child, Relationship.MINOR_CHILD, LocalDate.of(2015, 7, 20), true));
    }

    private OpenChecklist openChecklist(List<HouseholdMember> household) {
        return new OpenChecklist(caseId, "applicant-1", SUBMITTED_ON, household, null, "pt");
    }

    private ChecklistOpened checklistOpened() {
        return new ChecklistOpened(
                caseId, "applicant-1", SUBMITTED_ON, rules.requiredDocuments(SUBMITTED_ON, household(), null), "pt");
    }

    private UploadDocument upload(DocumentId documentId, MemberId member, DocumentType type) {
        return new UploadDocument(caseId, documentId, member, type, SHA, 1234, "application/pdf", TODAY);
    }

    private DocumentVersionUploaded uploaded(
            DocumentId documentId, MemberId member, DocumentType type, DocumentId supersedes) {
        return new DocumentVersionUploaded(caseId, documentId, member, type, SHA, 1234, "application/pdf", supersedes);
    }

    private static org.hamcrest.Matcher<VerificationNotAllowed> rule(String code) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(VerificationNotAllowed e) {
                return e.code().equals(code);
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a refusal with rule " + code);
            }
        };
    }

    private static List<DocumentType> typesOf(List<RequiredItem> items, MemberId member) {
        return items.stream()
                .filter(item -> item.memberId().equals(member))
                .map(RequiredItem::documentType)
                .toList();
    }
}
