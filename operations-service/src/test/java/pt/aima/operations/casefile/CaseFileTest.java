package pt.aima.operations.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.ids.CaseId;
import pt.aima.operations.ScriptedHistory;
import pt.aima.operations.ScriptedHistory.Published;
import pt.aima.operations.casefile.CaseFile.CourtOrder;
import pt.aima.operations.casefile.CaseFile.EvidenceRequest;
import pt.aima.operations.casefile.CaseFile.FailedDelivery;
import pt.aima.operations.casefile.CaseFile.MissedAppointment;
import pt.aima.operations.casefile.CaseFile.WaitingDocument;

/**
 * The fold of a case's archived history, against facts computed by hand from a scripted cross-service history, and
 * the same whatever order the events arrive in and however often they are redelivered.
 */
class CaseFileTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final Instant START =
            TODAY.minusDays(10).atTime(9, 0).atZone(ZoneId.of("Europe/Lisbon")).toInstant();
    private static final CaseId CASE = CaseId.of("7b1c2e0a-0000-4000-8000-000000000001");

    private static ScriptedHistory troubled() {
        return ScriptedHistory.troubledImport(
                CASE,
                TODAY,
                START,
                "corr",
                "SEF-RF-2025-000001",
                "Camara Municipal de Braga",
                LocalDate.of(2026, 3, 2));
    }

    private static CaseFile fold(List<Published> arrivals) {
        InMemoryArchive archive = new InMemoryArchive();
        arrivals.forEach(archive::receive);
        return CaseFile.fold(archive.historyOf(CASE.value()));
    }

    @Test
    void foldsATroubledImportIntoTheFactsEachQueueWatches() {
        ScriptedHistory script = troubled();
        CaseFile file = fold(script.events());

        assertThat(file.registered()).isTrue();
        assertThat(file.registration()).satisfies(r -> {
            assertThat(r.origin()).isEqualTo(Origin.SEF_IMPORT);
            assertThat(r.legacyNumber()).isEqualTo("SEF-RF-2025-000001");
            assertThat(r.partnerType()).isEqualTo("MUNICIPALITY");
            assertThat(r.partnerName()).isEqualTo("Camara Municipal de Braga");
            assertThat(r.region()).isEqualTo("PORTO");
            assertThat(r.relationship()).isEqualTo("SPOUSE");
            assertThat(r.members()).hasSize(2);
            assertThat(r.submittedOn()).isEqualTo(LocalDate.of(2026, 3, 2));
            assertThat(r.registeredAt()).isEqualTo(START);
        });
        assertThat(file.stage())
                .as("booked (then missed), checklist not complete: as application-service's status says")
                .isEqualTo(Stage.BIOMETRICS_SCHEDULED);
        assertThat(file.requiredDocuments()).isEqualTo(3);
        assertThat(file.waitingDocuments())
                .extracting(WaitingDocument::documentType, WaitingDocument::uploadedAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("BIRTH_CERTIFICATE", START.plusSeconds(2 * 3600)),
                        org.assertj.core.groups.Tuple.tuple("MEANS_OF_SUBSISTENCE", START.plusSeconds(24 * 3600)));
        assertThat(file.evidenceRequests())
                .extracting(
                        EvidenceRequest::requestId,
                        EvidenceRequest::awaitingApplicant,
                        EvidenceRequest::awaitingAima,
                        EvidenceRequest::aimaOverdueReported,
                        EvidenceRequest::respondBy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("R1", true, false, false, TODAY.minusDays(2)),
                        org.assertj.core.groups.Tuple.tuple("R2", false, true, true, TODAY.minusDays(5)));
        assertThat(file.missedAppointment())
                .extracting(MissedAppointment::deskId, MissedAppointment::startsAt, MissedAppointment::next)
                .containsExactly("PORTO-1", TODAY.minusDays(3).atTime(10, 0), "FLAGGED_TO_CASEWORKER");
        assertThat(file.courtOrders())
                .extracting(
                        CourtOrder::reference, CourtOrder::deadline, CourtOrder::atRisk, CourtOrder::earliestPossibleOn)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PROC-1", TODAY.plusDays(20), true, TODAY.plusDays(40)));
        assertThat(file.failedDeliveries())
                .as("N2 failed and was sent since; N1 is still failed")
                .extracting(FailedDelivery::notificationId)
                .containsExactly(script.id("n1"));
        assertThat(file.eventCount()).isEqualTo(script.events().size());
    }

    @Test
    void anyArrivalOrderWithAnyRedeliveryGivesTheSameFile() {
        List<Published> natural = troubled().events();
        String expected = describe(fold(natural));
        Random random = new Random(12);
        for (int round = 0; round < 200; round++) {
            List<Published> arrivals = new ArrayList<>(natural);
            Collections.shuffle(arrivals, random);
            for (int redelivered = random.nextInt(5); redelivered > 0; redelivered--) {
                arrivals.add(random.nextInt(arrivals.size() + 1), natural.get(random.nextInt(natural.size())));
            }
            assertThat(describe(fold(arrivals))).as("arrival order %s", round).isEqualTo(expected);
        }
        List<Published> reversed = new ArrayList<>(natural);
        Collections.reverse(reversed);
        assertThat(describe(fold(reversed))).isEqualTo(expected);
    }

    @Test
    void eventsOfACaseNotYetRegisteredWaitAndCountWhenTheRegistrationArrives() {
        List<Published> natural = troubled().events();
        List<Published> withoutRegistration = natural.subList(1, natural.size());

        CaseFile early = fold(withoutRegistration);
        assertThat(early.registered()).isFalse();
        assertThat(early.eventCount()).isEqualTo(natural.size() - 1);

        List<Published> registrationLast = new ArrayList<>(withoutRegistration);
        registrationLast.add(natural.getFirst());
        assertThat(describe(fold(registrationLast))).isEqualTo(describe(fold(natural)));
    }

    @Test
    void aCaseWithCompleteChecklistAndBiometricsWaitsForItsDecisionThenIsGranted() {
        ScriptedHistory undecided = ScriptedHistory.smoothPortalCase(
                CASE, START, "corr", "applicant-1", TODAY.minusMonths(1), Region.LISBOA, false);
        CaseFile ready = fold(undecided.events());
        assertThat(ready.stage()).isEqualTo(Stage.BIOMETRICS_COLLECTED);
        assertThat(ready.registration().origin()).isEqualTo(Origin.PORTAL);
        assertThat(ready.registration().legacyNumber()).isNull();
        assertThat(ready.checklistCompletedAt()).isNotNull();
        assertThat(ready.biometricsCollectedAt()).isNotNull();
        assertThat(ready.waitingDocuments()).isEmpty();

        ScriptedHistory decided = ScriptedHistory.smoothPortalCase(
                CASE, START, "corr", "applicant-1", TODAY.minusMonths(1), Region.LISBOA, true);
        List<Published> decisionFirst = new ArrayList<>(decided.events());
        Collections.reverse(decisionFirst);
        CaseFile granted = fold(decisionFirst);
        assertThat(granted.stage()).isEqualTo(Stage.GRANTED);
        assertThat(granted.decided()).isTrue();
        assertThat(granted.decidedAt()).isEqualTo(START.plusSeconds(2 * 86_400));
    }

    @Test
    void aStageIsTheFurthestTheCaseReached() {
        ScriptedHistory decided = ScriptedHistory.smoothPortalCase(
                CASE, START, "corr", "applicant-1", TODAY.minusMonths(1), Region.LISBOA, true);
        List<Published> events = decided.events();
        List<Stage> stages = new ArrayList<>();
        for (int n = 1; n <= events.size(); n++) {
            stages.add(fold(events.subList(0, n)).stage());
        }
        assertThat(stages)
                .containsExactly(
                        Stage.REGISTERED,
                        Stage.DOCUMENTS_REQUIRED,
                        Stage.DOCUMENTS_REQUIRED,
                        Stage.DOCUMENTS_REQUIRED,
                        Stage.DOCUMENTS_COMPLETE,
                        Stage.BIOMETRICS_SCHEDULED,
                        Stage.BIOMETRICS_COLLECTED,
                        Stage.GRANTED);
    }

    /** Everything a read model can take from the file, as one comparable text. */
    private static String describe(CaseFile file) {
        return String.join(
                "\n",
                "registered=" + file.registered(),
                "registration=" + (file.registered() ? file.registration() : null),
                "stage=" + file.stage(),
                "required=" + file.requiredDocuments(),
                "checklist=" + file.checklistOpenedAt() + "/" + file.checklistCompletedAt(),
                "appointment=" + file.appointment(),
                "biometrics=" + file.biometricsCollectedAt(),
                "decision=" + file.decision() + "@" + file.decidedAt(),
                "missed=" + file.missedAppointment(),
                "waiting=" + file.waitingDocuments(),
                "evidence=" + file.evidenceRequests(),
                "courtOrders=" + file.courtOrders(),
                "failed=" + file.failedDeliveries(),
                "events=" + file.eventCount() + " last=" + file.lastEventAt());
    }
}
