package pt.aima.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicantDataErased;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.DocumentRejected;
import pt.aima.kernel.document.EvidenceRequested;
import pt.aima.kernel.document.RequiredDocument;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.operations.ScriptedHistory.Published;
import pt.aima.operations.archive.ArchivedEvent;
import pt.aima.operations.projection.EventArchiveTable;
import pt.aima.operations.projection.ReadModels;
import pt.aima.platform.privacy.Personal;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * operations-service against a real Kafka broker and a real PostgreSQL: scripted cross-service histories arrive on
 * the four topics in several orders, with redeliveries, and the read models, the backlog, the queues and search answer
 * what was computed by hand; a rebuild from the archive gives the live tables back; an unreadable record is
 * dead-lettered while the partition moves on.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "aima.operations-service.gauge-refresh=500ms",
            "aima.operations-service.backlog.refresh=100ms",
            "aima.operations-service.backlog.max-age=1s",
            "aima.operations-service.services[0].name=operations-service",
            "aima.operations-service.services[0].url=http://127.0.0.1:${local.server.port}",
            "aima.operations-service.services[1].name=nowhere-service",
            "aima.operations-service.services[1].url=http://127.0.0.1:9",
            "aima.operations-service.projections-timeout=2s"
        })
class OperationsServiceIT {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "operations_service_it");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReadModels readModels;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    IntegrationEventCodec codec;

    private static final JsonMapper json = JsonMapper.builder().build();

    private static LocalDate today() {
        return LocalDate.now(LISBON);
    }

    /** The script starts ten days ago at 09:00 in Lisbon. */
    private static Instant start() {
        return today().minusDays(10).atTime(9, 0).atZone(LISBON).toInstant();
    }

    private static Caller operations() {
        return service.as("operator-1", "OPERATIONS");
    }

    private ScriptedHistory troubled(CaseId caseId, String legacyNumber, String partner, LocalDate submittedOn) {
        return ScriptedHistory.troubledImport(
                caseId, today(), start(), service.correlationId(), legacyNumber, partner, submittedOn);
    }

    private static String legacyNumber() {
        return "SEF-IT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** Sends each event as published (the same envelope, so a repeat is a redelivery) and waits until all applied. */
    private static void deliver(List<Published> arrivals) {
        for (Published published : arrivals) {
            service.kafka().send(published.topic(), published.envelope());
        }
        for (Published published : arrivals) {
            service.inbox().awaitProcessed(published.envelope());
        }
    }

    @Test
    void projectsTheSameRowsWhateverOrderTheTopicsDeliverAHistoryInAndHoweverOftenItIsRedelivered() {
        String partner = "Partner " + UUID.randomUUID();
        String legacy = legacyNumber();
        LocalDate submitted = today().minusDays(200);
        List<ScriptedHistory> cases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cases.add(troubled(CaseId.newId(), legacy, partner, submitted));
        }
        List<Published> natural = cases.get(0).events();
        deliver(natural);
        List<Published> reversed = new ArrayList<>(cases.get(1).events());
        Collections.reverse(reversed);
        deliver(reversed);
        List<Published> shuffled = new ArrayList<>(cases.get(2).events());
        Collections.shuffle(shuffled, new Random(7));
        shuffled.addAll(shuffled.subList(0, 6));
        deliver(shuffled);
        // The registration last of all, after every other event was archived and applied to no case row.
        List<Published> registrationLast = new ArrayList<>(cases.get(3).events());
        registrationLast.add(registrationLast.removeFirst());
        deliver(registrationLast.subList(0, registrationLast.size() - 1));
        assertThat(caseRow(cases.get(3).caseId())).as("not registered yet").isEmpty();
        assertThat(archived(cases.get(3).caseId())).isEqualTo(natural.size() - 1);
        deliver(registrationLast.subList(registrationLast.size() - 1, registrationLast.size()));

        Map<String, List<Map<String, Object>>> expected = snapshot(cases.get(0).caseId());
        for (ScriptedHistory other : cases.subList(1, cases.size())) {
            assertThat(snapshot(other.caseId())).isEqualTo(expected);
            assertThat(archived(other.caseId())).as("each event archived once").isEqualTo(natural.size());
        }

        // What the script says, computed by hand (see ScriptedHistory.troubledImport).
        Map<String, Object> row = caseRow(cases.get(0).caseId()).orElseThrow();
        assertThat(row)
                .containsEntry("stage", "BIOMETRICS_SCHEDULED")
                .containsEntry("origin", "SEF_IMPORT")
                .containsEntry("legacy_number", legacy)
                .containsEntry("partner_type", "MUNICIPALITY")
                .containsEntry("partner_name", partner)
                .containsEntry("region", "PORTO")
                .containsEntry("relationship", "SPOUSE")
                .containsEntry("household_size", 2)
                .containsEntry("required_documents", 3)
                .containsEntry("event_count", natural.size());
        assertThat(expected.get("ops_document_waiting"))
                .extracting(r -> r.get("document_type"))
                .containsExactlyInAnyOrder("BIRTH_CERTIFICATE", "MEANS_OF_SUBSISTENCE");
        assertThat(expected.get("ops_evidence_request"))
                .extracting(r -> r.get("request_id"))
                .containsExactlyInAnyOrder("R1", "R2");
        assertThat(expected.get("ops_missed_appointment")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("next", "FLAGGED_TO_CASEWORKER"));
        assertThat(expected.get("ops_court_order")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("at_risk", true));
        assertThat(expected.get("ops_failed_delivery")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("kind", "APPOINTMENT"));
        assertThat(expected.get("ops_member_stay")).hasSize(2);
    }

    @Test
    void aPollHoldingCasesWholeHistoriesProjectsTheRowsOneEventAtATimeWould() {
        String partner = "Partner " + UUID.randomUUID();
        String legacy = legacyNumber();
        LocalDate submitted = today().minusDays(120);
        ScriptedHistory oneByOne = troubled(CaseId.newId(), legacy, partner, submitted);
        List<ScriptedHistory> together = List.of(
                troubled(CaseId.newId(), legacy, partner, submitted),
                troubled(CaseId.newId(), legacy, partner, submitted));
        for (Published published : oneByOne.events()) {
            deliver(List.of(published)); // a poll (and a transaction) each
        }
        List<ArchivedEvent> poll = new ArrayList<>();
        for (ScriptedHistory history : together) {
            for (Published published : history.events()) {
                poll.add(new ArchivedEvent(
                        published.topic(),
                        0,
                        poll.size(),
                        Instant.now(),
                        published.envelope(),
                        json.readTree(codec.encode(published.envelope()))
                                .get("payload")
                                .toString()));
            }
        }
        // both cases' events interleaved in one poll, as a listener's poll brings them, and one of them twice (the
        // archive keeps it once)
        List<ArchivedEvent> shuffled = new ArrayList<>(poll);
        Collections.shuffle(shuffled, new Random(11));
        shuffled.add(shuffled.getFirst());

        assertThat(receivedTogether(shuffled)).as("events new to the archive").isEqualTo(poll.size());

        Map<String, List<Map<String, Object>>> expected = snapshot(oneByOne.caseId());
        for (ScriptedHistory history : together) {
            assertThat(snapshot(history.caseId())).isEqualTo(expected);
            assertThat(archived(history.caseId())).isEqualTo(oneByOne.events().size());
        }
        assertThat(receivedTogether(poll)).as("the same poll again").isZero();
        assertThat(snapshot(together.getLast().caseId())).isEqualTo(expected);
    }

    private int receivedTogether(List<ArchivedEvent> poll) {
        return new TransactionTemplate(transactions).execute(status -> {
            readModels.lockCases(poll.stream().map(ArchivedEvent::caseId).toList());
            return readModels.receiveAll(poll);
        });
    }

    @Test
    void anEventRewritesOnlyTheReadModelsWhoseRowsItChanges() {
        CaseId caseId = CaseId.newId();
        List<Published> events = ScriptedHistory.smoothPortalCase(
                        caseId,
                        start(),
                        service.correlationId(),
                        "applicant-writes",
                        today().minusDays(50),
                        Region.LISBOA,
                        true)
                .events();
        Map<String, List<String>> registered = deliverAndReadWriters(caseId, events.get(0));
        assertThat(registered.get("ops_case")).hasSize(1);
        assertThat(registered.get("ops_decision_deadline")).hasSize(1);
        assertThat(registered.get("ops_member_stay")).hasSize(1);

        // The checklist moves the case's stage; its deadline and its member's stay stay as they were written.
        Map<String, List<String>> checklist = deliverAndReadWriters(caseId, events.get(1));
        assertThat(checklist.get("ops_case")).isNotEqualTo(registered.get("ops_case"));
        assertThat(checklist.get("ops_decision_deadline")).isEqualTo(registered.get("ops_decision_deadline"));
        assertThat(checklist.get("ops_member_stay")).isEqualTo(registered.get("ops_member_stay"));

        // An upload waits in a queue: the case's queue rows are written again, the deadline is not.
        Map<String, List<String>> upload = deliverAndReadWriters(caseId, events.get(2));
        assertThat(upload.get("ops_document_waiting")).hasSize(1);
        assertThat(upload.get("ops_member_stay")).isNotEqualTo(checklist.get("ops_member_stay"));
        assertThat(upload.get("ops_decision_deadline")).isEqualTo(registered.get("ops_decision_deadline"));

        // The decision sets the deadline's day of decision and takes the case out of the queues.
        Map<String, List<String>> decided = Map.of();
        for (Published event : events.subList(3, events.size())) {
            decided = deliverAndReadWriters(caseId, event);
        }
        assertThat(decided.get("ops_decision_deadline")).isNotEqualTo(registered.get("ops_decision_deadline"));
        assertThat(decided.get("ops_member_stay")).isEmpty();
        assertThat(decided.get("ops_document_waiting")).isEmpty();
        assertThat(jdbc.sql("select decided_on from ops_decision_deadline where case_id = :caseId")
                        .param("caseId", caseId.value())
                        .query(LocalDate.class)
                        .single())
                .isNotNull();
    }

    /**
     * Delivers one event and reads, per read-model table, the transaction that wrote each of the case's rows
     * ({@code xmin}): a row left alone keeps its writer.
     */
    private Map<String, List<String>> deliverAndReadWriters(CaseId caseId, Published event) {
        deliver(List.of(event));
        Map<String, List<String>> writers = new TreeMap<>();
        for (String table : List.of("ops_case", "ops_decision_deadline", "ops_member_stay", "ops_document_waiting")) {
            writers.put(
                    table,
                    jdbc.sql("select xmin::text from " + table + " where case_id = :caseId order by 1")
                            .param("caseId", caseId.value())
                            .query(String.class)
                            .list());
        }
        return writers;
    }

    @Test
    void theArchiveKeepsNoPersonalFactsOfTheHouseholdThatOperationsDoNotUse() {
        ScriptedHistory script = troubled(CaseId.newId(), legacyNumber(), "Partner minimal", today().minusDays(30));
        deliver(script.events());
        String archived = jdbc.sql("select payload::text from event_archive"
                        + " where case_id = :caseId and event_type = 'ApplicationRegistered'")
                .param("caseId", script.caseId().value())
                .query(String.class)
                .single();
        assertThat(archived)
                .contains("memberId", "relationship")
                .doesNotContain("dateOfBirth", "nationality", "residenceHistory", "presentInPortugalSince");
        assertThat(snapshot(script.caseId()).get("ops_case")).hasSize(1);
    }

    @Test
    void theArchiveKeepsNoCountriesOrReasonsInWordsOfAChecklist() {
        CaseId caseId = CaseId.newId();
        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.DOCUMENT_EVENTS,
                        new DocumentChecklistOpened(
                                caseId,
                                List.of(new RequiredDocument(
                                        MemberId.newId(),
                                        "CRIMINAL_RECORD",
                                        "criminal record certificate of each country lived in: BRA, AGO",
                                        "CRIMINAL_RECORD_ABROAD",
                                        Map.of("countries", "BRA, AGO", "fromAge", "16"))))));
        String archived = jdbc.sql("select payload::text from event_archive"
                        + " where case_id = :caseId and event_type = 'DocumentChecklistOpened'")
                .param("caseId", caseId.value())
                .query(String.class)
                .single();
        assertThat(archived)
                .contains("CRIMINAL_RECORD_ABROAD", "memberId", "documentType")
                .doesNotContain("BRA", "AGO", "reasonValues", "country");
    }

    @Test
    void version2OfTheRegistrationWithoutTheHouseholdsPersonalFactsRegistersTheCaseAlike() {
        CaseId caseId = CaseId.newId();
        MemberId child = MemberId.newId();
        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.APPLICATION_EVENTS,
                        new ApplicationRegisteredV2(
                                caseId,
                                "applicant-v2",
                                today().minusDays(10),
                                List.of(new ApplicationRegisteredV2.Member(
                                        child, Relationship.MINOR_CHILD, true, today().plusDays(20))),
                                "pt",
                                null,
                                Region.FARO,
                                null)));
        Map<String, List<Map<String, Object>>> rows = snapshot(caseId);
        assertThat(rows.get("ops_case")).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("region", "FARO")
                .containsEntry("applicant_id", "applicant-v2"));
        assertThat(rows.get("ops_member_stay")).hasSize(1);
    }

    @Test
    void whatStaffTypedAboutACaseIsBlankedInTheArchiveWhenItsApplicantIsErasedAlsoWhenItArrivesAfter() {
        CaseId caseId = CaseId.newId();
        MemberId child = MemberId.newId();
        String applicantId = "applicant-staff-text-" + caseId;
        String reasoning = "Maria " + caseId + " proved the family tie.";
        String rejection = "The photo of Maria " + caseId + " is unreadable.";
        String evidence = "Send proof that Maria " + caseId + " lived with the sponsor.";
        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.APPLICATION_EVENTS,
                        new ApplicationRegisteredV2(
                                caseId,
                                applicantId,
                                today().minusDays(100),
                                List.of(new ApplicationRegisteredV2.Member(
                                        child, Relationship.MINOR_CHILD, true, null)),
                                "pt",
                                null,
                                Region.FARO,
                                null)));
        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.DOCUMENT_EVENTS,
                        new DocumentRejected(caseId, DocumentId.newId(), child, "PASSPORT", "ILLEGIBLE", rejection)));
        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.APPLICATION_EVENTS,
                        new DecisionIssued(caseId, DecisionIssued.Outcome.GRANTED, List.of(), reasoning)));
        assertThat(archivedPayloads(caseId))
                .as("kept as published until the erasure")
                .anyMatch(payload -> payload.contains(reasoning))
                .anyMatch(payload -> payload.contains(rejection));

        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.APPLICATION_EVENTS, new ApplicantDataErased(caseId, applicantId, "retention ended")));
        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.DOCUMENT_EVENTS,
                        new EvidenceRequested(
                                caseId, "request-" + caseId, child, List.of("PASSPORT"), evidence, today())));

        assertThat(archivedPayloads(caseId))
                .as("blanked on the erasure, and on arrival after it")
                .noneMatch(payload ->
                        payload.contains(reasoning) || payload.contains(rejection) || payload.contains(evidence));
        assertThat(archivedField(caseId, "DecisionIssued", "reasoning")).isEqualTo(Personal.ERASED);
        assertThat(archivedField(caseId, "DecisionIssued", "outcome"))
                .as("the facts stay")
                .isEqualTo("GRANTED");
        assertThat(archivedField(caseId, "DocumentRejected", "reason")).isEqualTo(Personal.ERASED);
        assertThat(archivedField(caseId, "DocumentRejected", "reasonCode")).isEqualTo("ILLEGIBLE");
        assertThat(archivedField(caseId, "EvidenceRequested", "reason")).isEqualTo(Personal.ERASED);
        assertThat(snapshot(caseId).get("ops_case")).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("applicant_id", applicantId));
    }

    private List<String> archivedPayloads(CaseId caseId) {
        return jdbc.sql("select payload::text from event_archive where case_id = :caseId")
                .param("caseId", caseId.value())
                .query(String.class)
                .list();
    }

    private String archivedField(CaseId caseId, String type, String field) {
        return jdbc.sql("select payload ->> :field from event_archive where case_id = :caseId and event_type = :type")
                .param("field", field)
                .param("caseId", caseId.value())
                .param("type", type)
                .query(String.class)
                .single();
    }

    @Test
    void anEventRedeliveredAfterItsInboxRowWasLostIsStillArchivedOnce() {
        ScriptedHistory script = troubled(CaseId.newId(), legacyNumber(), "Partner lost", today().minusDays(30));
        deliver(script.events());
        Published upload = script.events().stream()
                .filter(p -> p.envelope().type().equals("DocumentUploaded"))
                .findFirst()
                .orElseThrow();
        Map<String, List<Map<String, Object>>> before = snapshot(script.caseId());

        service.inbox().forget(upload.envelope());
        deliver(List.of(upload));

        assertThat(archived(script.caseId())).isEqualTo(script.events().size());
        assertThat(snapshot(script.caseId())).isEqualTo(before);
    }

    @Test
    void theBacklogCountsEveryCaseOnceByEachDimensionAndItsTotalsAddUp() {
        String partner = "Partner " + UUID.randomUUID();
        deliver(troubled(CaseId.newId(), legacyNumber(), partner, today().minusDays(20))
                .events());
        deliver(troubled(CaseId.newId(), legacyNumber(), partner, today().minusDays(200))
                .events());
        deliver(troubled(CaseId.newId(), legacyNumber(), partner, today().minusYears(3))
                .events());
        JsonNode before = backlog();
        CaseId granted = CaseId.newId();
        deliver(ScriptedHistory.smoothPortalCase(
                        granted,
                        start(),
                        service.correlationId(),
                        "applicant-" + granted,
                        today().minusDays(400),
                        Region.MADEIRA,
                        true)
                .events());
        JsonNode backlog = backlog();

        long total = backlog.get("total").asLong();
        assertThat(total)
                .isEqualTo(jdbc.sql("select count(*) from ops_case")
                        .query(Long.class)
                        .single());
        for (String dimension : List.of("byStage", "byAge", "byRegion", "byPartner", "byRelationship", "byOrigin")) {
            assertThat(sum(backlog.get(dimension))).as(dimension).isEqualTo(total);
        }
        long rows = 0;
        for (JsonNode row : backlog.get("rows")) {
            rows += row.get("count").asLong();
        }
        assertThat(rows).isEqualTo(total);
        long stageByAge = 0;
        for (JsonNode ages : backlog.get("byStageAndAge")) {
            stageByAge += sum(ages);
        }
        assertThat(stageByAge).isEqualTo(total);
        assertThat(backlog.get("open").asLong() + backlog.get("decided").asLong())
                .isEqualTo(total);
        assertThat(backlog.get("byStage").size())
                .as("every stage, zero included")
                .isEqualTo(7);

        // This partner's cases, computed by hand: all three at BIOMETRICS_SCHEDULED in PORTO, one per age.
        assertThat(backlog.get("byPartner").get(partner).asLong()).isEqualTo(3);
        Map<String, Long> partnerRows = new TreeMap<>();
        for (JsonNode row : backlog.get("rows")) {
            if (row.get("partner").asString().equals(partner)) {
                assertThat(row.get("stage").asString()).isEqualTo("BIOMETRICS_SCHEDULED");
                assertThat(row.get("region").asString()).isEqualTo("PORTO");
                assertThat(row.get("relationship").asString()).isEqualTo("SPOUSE");
                assertThat(row.get("origin").asString()).isEqualTo("SEF_IMPORT");
                partnerRows.put(
                        row.get("ageBucket").asString(), row.get("count").asLong());
            }
        }
        assertThat(partnerRows).isEqualTo(Map.of("0-3 months", 1L, "6-12 months", 1L, "over 2 years", 1L));

        // The granted portal case: age counted to its decision (400 - 8 days: 1-2 years).
        assertThat(delta(before, backlog, "byStage", "GRANTED")).isEqualTo(1);
        assertThat(delta(before, backlog, "byOrigin", "PORTAL")).isEqualTo(1);
        assertThat(delta(before, backlog, "byRegion", "MADEIRA")).isEqualTo(1);
        assertThat(delta(before, backlog, "byPartner", "NONE")).isEqualTo(1);
        assertThat(backlog.get("byStageAndAge").get("GRANTED").get("1-2 years").asLong()
                        - before.get("byStageAndAge")
                                .get("GRANTED")
                                .get("1-2 years")
                                .asLong())
                .isEqualTo(1);
        assertThat(backlog.get("decided").asLong() - before.get("decided").asLong())
                .isEqualTo(1);

        JsonNode summaries = operations().get("/operations/backlog?rows=false").body();
        assertThat(summaries.path("rows").isNull() || summaries.path("rows").isMissingNode())
                .isTrue();
        assertThat(summaries.get("byPartner").get(partner).asLong()).isEqualTo(3);
        assertThat(field(operations().get("/operations/backlog?rows=some"))).isEqualTo("rows");
    }

    @Test
    void theQueuesListTheScriptedCaseWithTheMostUrgentItemFirst() {
        CaseId caseId = CaseId.newId();
        ScriptedHistory script = troubled(caseId, legacyNumber(), "Partner queues", today().minusDays(90));
        deliver(script.events());

        List<JsonNode> documents = items("documents-awaiting-verification", caseId);
        assertThat(documents)
                .extracting(d -> d.get("documentType").asString())
                .containsExactly("BIRTH_CERTIFICATE", "MEANS_OF_SUBSISTENCE");
        assertThat(documents.getFirst().get("waitedDays").asLong())
                .as("uploaded 10 days ago at 11:00")
                .isBetween(9L, 10L);
        assertThat(documents.getFirst().get("legacyNumber").asString()).startsWith("SEF-IT-");

        assertThat(items("evidence-overdue", caseId)).singleElement().satisfies(r -> {
            assertThat(r.get("requestId").asString()).isEqualTo("R1");
            assertThat(r.get("daysOverdue").asLong()).isEqualTo(2);
            assertThat(r.get("documentTypes").get(0).asString()).isEqualTo("BIRTH_CERTIFICATE");
        });
        assertThat(items("aima-response-overdue", caseId)).singleElement().satisfies(r -> {
            assertThat(r.get("requestId").asString()).isEqualTo("R2");
            assertThat(r.get("daysOverdue").asLong()).isEqualTo(3);
            assertThat(r.get("reported").asBoolean()).isTrue();
        });
        assertThat(items("missed-appointments", caseId)).singleElement().satisfies(r -> {
            assertThat(r.get("deskId").asString()).isEqualTo("PORTO-1");
            assertThat(r.get("next").asString()).isEqualTo("FLAGGED_TO_CASEWORKER");
        });
        assertThat(items("court-orders", caseId)).singleElement().satisfies(r -> {
            assertThat(r.get("reference").asString()).isEqualTo("PROC-1");
            assertThat(r.get("daysLeft").asLong()).isEqualTo(20);
            assertThat(r.get("atRisk").asBoolean()).isTrue();
            assertThat(r.get("earliestPossibleOn").asString())
                    .isEqualTo(today().plusDays(40).toString());
        });
        assertThat(items("failed-deliveries", caseId)).singleElement().satisfies(r -> {
            assertThat(r.get("kind").asString()).isEqualTo("APPOINTMENT");
            assertThat(r.get("notificationId").asString())
                    .isEqualTo(script.id("n1").toString());
        });
        assertThat(items("ready-for-decision", caseId)).isEmpty();
        assertThat(items("stay-expiring", caseId))
                .as("no end of stay is published yet")
                .isEmpty();

        // Most urgent first, across every case in the queue.
        assertThat(dates(all("documents-awaiting-verification"), "uploadedAt")).isSorted();
        assertThat(dates(all("evidence-overdue"), "respondBy")).isSorted();
        assertThat(dates(all("aima-response-overdue"), "aimaRespondBy")).isSorted();
        assertThat(dates(all("missed-appointments"), "startsAt")).isSorted();
        assertThat(dates(all("failed-deliveries"), "failedAt")).isSorted();
        List<JsonNode> courtOrders = all("court-orders");
        List<String> urgency = courtOrders.stream()
                .map(r -> (r.get("atRisk").asBoolean() ? "0" : "1")
                        + r.get("deadline").asString())
                .toList();
        assertThat(urgency).isSorted();
    }

    @Test
    void aCaseReadyForDecisionLeavesTheQueueWhenDecided() {
        CaseId caseId = CaseId.newId();
        ScriptedHistory undecided = ScriptedHistory.smoothPortalCase(
                caseId,
                start(),
                service.correlationId(),
                "applicant-" + caseId,
                today().minusDays(50),
                Region.FARO,
                false);
        deliver(undecided.events());
        assertThat(items("ready-for-decision", caseId)).singleElement().satisfies(r -> {
            assertThat(r.get("region").asString()).isEqualTo("FARO");
            assertThat(r.get("origin").asString()).isEqualTo("PORTAL");
        });
        assertThat(dates(all("ready-for-decision"), "submittedOn")).isSorted();

        ScriptedHistory decided = ScriptedHistory.smoothPortalCase(
                caseId,
                start(),
                service.correlationId(),
                "applicant-" + caseId,
                today().minusDays(50),
                Region.FARO,
                true);
        deliver(decided.events());
        assertThat(items("ready-for-decision", caseId)).isEmpty();
        assertThat(caseRow(caseId).orElseThrow()).containsEntry("stage", "GRANTED");
    }

    @Test
    void everyServicesProjectionsAreAskedWithTheCallersTokenAndOneThatDoesNotAnswerIsListedAsUnreachable() {
        Response answered = operations().get("/operations/platform/projections");

        assertThat(answered.status()).isEqualTo(200);
        JsonNode services = answered.body();
        assertThat(services.size()).isEqualTo(2);
        JsonNode self = services.get(0);
        assertThat(self.get("service").asString()).isEqualTo("operations-service");
        assertThat(self.get("reachable").asBoolean())
                .as("asked with the operator's token, which /operations/projections requires: %s", self)
                .isTrue();
        assertThat(self.get("projections").isArray()).isTrue();
        Response direct = operations().get("/operations/projections");
        assertThat(self.get("projections").size()).isEqualTo(direct.body().size());
        JsonNode nowhere = services.get(1);
        assertThat(nowhere.get("service").asString()).isEqualTo("nowhere-service");
        assertThat(nowhere.get("reachable").asBoolean()).isFalse();
        assertThat(nowhere.get("problem").asString()).isNotBlank();
        assertThat(nowhere.get("projections").size()).isZero();

        assertThat(service.as("auditor-1", "AUDITOR")
                        .get("/operations/platform/projections")
                        .body()
                        .get(0)
                        .get("reachable")
                        .asBoolean())
                .isTrue();
        assertThat(service.as("caseworker-1", "CASEWORKER")
                        .get("/operations/platform/projections")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void pagesAreShapedAsSpringDataPagesAndBadPagingOrUnknownQueuesAreRefusedByName() {
        deliver(troubled(CaseId.newId(), legacyNumber(), "Partner paging", today().minusDays(10))
                .events());
        Response first = operations().get("/operations/queues/documents-awaiting-verification?page=0&size=1");
        assertThat(first.status()).isEqualTo(200);
        JsonNode page = first.body();
        long total = page.get("totalElements").asLong();
        assertThat(total).isGreaterThanOrEqualTo(2);
        assertThat(page.get("content").size()).isEqualTo(1);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(1);
        assertThat(page.get("totalPages").asLong()).isEqualTo(total);
        assertThat(page.get("queue").asString()).isEqualTo("documents-awaiting-verification");
        assertThat(page.get("order").asString()).isEqualTo("longest waiting first");
        JsonNode second = operations()
                .get("/operations/queues/documents-awaiting-verification?page=1&size=1")
                .body();
        assertThat(second.get("content").get(0).get("uploadedAt").asString())
                .isGreaterThanOrEqualTo(
                        page.get("content").get(0).get("uploadedAt").asString());

        Response unknown = operations().get("/operations/queues/lost-files");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problem().type()).isEqualTo("https://aima.gov.pt/problems/unknown-queue");
        assertThat(unknown.problem().detail()).contains("lost-files", "evidence-overdue");
        assertThat(field(operations().get("/operations/queues/court-orders?page=-1")))
                .isEqualTo("page");
        assertThat(field(operations().get("/operations/queues/court-orders?page=first")))
                .isEqualTo("page");
        assertThat(field(operations().get("/operations/queues/court-orders?size=0")))
                .isEqualTo("size");
        assertThat(field(operations().get("/operations/queues/court-orders?size=100000")))
                .isEqualTo("size");
        assertThat(field(operations().get("/operations/queues/stay-expiring?withinDays=45")))
                .isEqualTo("withinDays");
        assertThat(operations()
                        .get("/operations/queues/stay-expiring?withinDays=30")
                        .status())
                .isEqualTo(200);

        JsonNode summary = operations().get("/operations/queues").body();
        assertThat(summary.size()).isEqualTo(8);
        assertThat(summary.get(0).get("queue").asString()).isEqualTo("documents-awaiting-verification");
        assertThat(summary.get(0).get("length").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void staffFindCasesByTheirSefNumberApplicantStageAndRegionButNotByFreeText() {
        String legacy = legacyNumber();
        CaseId caseId = CaseId.newId();
        deliver(troubled(caseId, legacy, "Partner search", today().minusDays(60))
                .events());
        Caller caseworker = service.as("caseworker-1", "CASEWORKER");

        JsonNode byLegacy =
                caseworker.get("/operations/cases?legacyNumber={n}", legacy).body();
        assertThat(byLegacy.get("totalElements").asLong()).isEqualTo(1);
        assertThat(byLegacy.get("content").get(0).get("caseId").asString()).isEqualTo(caseId.toString());
        assertThat(byLegacy.get("content").get(0).get("stage").asString()).isEqualTo("BIOMETRICS_SCHEDULED");
        assertThat(byLegacy.get("content").get(0).has("sponsorName")).isFalse();

        JsonNode byApplicant = caseworker
                .get("/operations/cases?applicantId={a}", "applicant-" + legacy)
                .body();
        assertThat(byApplicant.get("totalElements").asLong()).isEqualTo(1);

        JsonNode byStageAndRegion = caseworker
                .get("/operations/cases?stage=BIOMETRICS_SCHEDULED&region=PORTO&size=200")
                .body();
        assertThat(byStageAndRegion.get("content").findValuesAsString("caseId")).contains(caseId.toString());
        for (JsonNode found : byStageAndRegion.get("content")) {
            assertThat(found.get("stage").asString()).isEqualTo("BIOMETRICS_SCHEDULED");
            assertThat(found.get("region").asString()).isEqualTo("PORTO");
        }
        // the total and the pages are read once per change of the cases, not per request: one more case, one more in
        // the total and on the page
        String search = "/operations/cases?stage=BIOMETRICS_SCHEDULED&region=PORTO&size=1";
        String wholePage = "/operations/cases?stage=BIOMETRICS_SCHEDULED&region=PORTO&size=200";
        long before = caseworker.get(search).body().get("totalElements").asLong();
        assertThat(caseworker.get(search).body().get("totalElements").asLong()).isEqualTo(before);
        assertThat(caseworker.get(wholePage).body().get("content")).hasSize((int) Math.min(before, 200));
        // the queues' lengths and pages are kept the same way
        long courtOrders = courtOrdersLength(caseworker);
        String courtOrdersPage = "/operations/queues/court-orders?size=1";
        long courtOrdersTotal =
                caseworker.get(courtOrdersPage).body().get("totalElements").asLong();
        assertThat(courtOrdersLength(caseworker)).isEqualTo(courtOrders);
        CaseId newer = CaseId.newId();
        deliver(troubled(newer, legacyNumber(), "Partner search", today().minusDays(30))
                .events());
        assertThat(courtOrdersLength(caseworker))
                .as("read again after the change")
                .isEqualTo(courtOrders + 1);
        assertThat(caseworker.get(courtOrdersPage).body().get("totalElements").asLong())
                .isEqualTo(courtOrdersTotal + 1);
        assertThat(caseworker.get(search).body().get("totalElements").asLong()).isEqualTo(before + 1);
        assertThat(caseworker.get(wholePage).body().get("content").findValuesAsString("caseId"))
                .as("the page read again after the change")
                .hasSize((int) Math.min(before + 1, 200))
                .contains(before + 1 <= 200 ? newer.toString() : caseId.toString());
        assertThat(caseworker
                        .get("/operations/cases/{id}", caseId)
                        .body()
                        .get("legacyNumber")
                        .asString())
                .isEqualTo(legacy);
        assertThat(caseworker.get("/operations/cases/{id}", UUID.randomUUID()).status())
                .isEqualTo(404);

        Response unknownStage = caseworker.get("/operations/cases?stage=LOST");
        assertThat(unknownStage.status()).isEqualTo(404);
        assertThat(unknownStage.problem().type()).isEqualTo("https://aima.gov.pt/problems/unknown-stage");
        assertThat(field(caseworker.get("/operations/cases?region=ATLANTIS"))).isEqualTo("region");
        assertThat(field(caseworker.get("/operations/cases?legacyNumber=ana silva")))
                .isEqualTo("legacyNumber");
        assertThat(field(caseworker.get("/operations/cases?size=-3"))).isEqualTo("size");
        assertThat(caseworker.get("/operations/cases?name=Silva").status())
                .as("no free-text search over personal data: unknown parameters are not filters")
                .isEqualTo(200);
    }

    @Test
    void rolesDecideWhoReadsWhat() {
        Caller applicant = service.as("applicant-1", "APPLICANT");
        Caller caseworker = service.as("caseworker-1", "CASEWORKER");
        Caller auditor = service.as("auditor-1", "AUDITOR");
        assertThat(applicant.get("/operations/backlog").status()).isEqualTo(403);
        assertThat(applicant.get("/operations/queues/court-orders").status()).isEqualTo(403);
        assertThat(applicant.get("/operations/cases").status()).isEqualTo(403);
        assertThat(caseworker.get("/operations/backlog").status()).isEqualTo(403);
        assertThat(caseworker.get("/operations/queues/court-orders").status()).isEqualTo(200);
        assertThat(caseworker.post("/operations/read-models/rebuild", "{}").status())
                .isEqualTo(403);
        assertThat(auditor.get("/operations/backlog").status()).isEqualTo(200);
        assertThat(auditor.get("/operations/queues/court-orders").status()).isEqualTo(200);
        assertThat(auditor.get("/operations/read-models").status()).isEqualTo(200);
        assertThat(auditor.post("/operations/read-models/rebuild", "{}").status())
                .isEqualTo(403);
        assertThat(service.anonymous().get("/operations/backlog").status()).isEqualTo(401);
    }

    /**
     * A poll's earlier events of its cases are looked up by case in the archive, never read by scanning all of it: the
     * generic plan of the statement, on an archive of 20,000 rows (inserted, analysed and rolled back in the test's own
     * transaction), reads event_archive through event_archive_case. Written as a semi-join ({@code in (select ...)}),
     * the statement fails this test on PostgreSQL 15 (a hash join over a sequential scan; run with AIMA_POSTGRES_URL
     * naming such a server) and passes it on the PostgreSQL 17 the tests start.
     */
    @Test
    void aPollReadsItsCasesHistoriesThroughTheCaseIndexNotTheWholeArchive() {
        String caseId = UUID.nameUUIDFromBytes("plan-case-7".getBytes(StandardCharsets.UTF_8))
                .toString();
        String poll =
                """
                [{"n": 0, "topic": "plan-test", "kafka_partition": 0, "kafka_offset": 1, "event_id": "%s",
                  "event_type": "PlanTest", "event_version": 1, "case_id": "%s",
                  "occurred_at": "2026-01-01T00:00:00Z", "actor_subject": "plan", "actor_role": "OPERATIONS",
                  "correlation_id": "c", "causation_id": "c", "payload": {}, "received_at": "2026-01-01T00:00:00Z"}]"""
                        .formatted(UUID.randomUUID(), caseId);
        List<String> plan = new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            jdbc.sql(
                            """
                    insert into event_archive (topic, kafka_partition, kafka_offset, event_id, event_type,
                        event_version, case_id, occurred_at, actor_subject, actor_role, correlation_id, causation_id,
                        payload, received_at)
                    select 'plan-test', 0, g, gen_random_uuid(), 'PlanTest', 1,
                        cast(md5('plan-case-' || (g % 2500)) as uuid), now(), 'plan', 'OPERATIONS', 'c', 'c',
                        cast('{}' as jsonb), now()
                    from generate_series(1, 20000) g""")
                    .update();
            jdbc.sql("analyze event_archive").update();
            jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
            jdbc.sql("prepare keep_all_and_read(text) as " + EventArchiveTable.KEEP_ALL_AND_READ.replace(":rows", "$1"))
                    .update();
            List<String> lines = jdbc.sql("explain execute keep_all_and_read('" + poll.replace("'", "''") + "')")
                    .query(String.class)
                    .list();
            // a prepared statement outlives the transaction on the pooled connection
            jdbc.sql("deallocate keep_all_and_read").update();
            return lines;
        });

        assertThat(String.join("\n", plan))
                .as("the generic plan")
                .contains("event_archive_case")
                .doesNotContain("Seq Scan on event_archive");
    }

    @Test
    void aRebuildFromTheArchiveAloneGivesTheLiveTablesBack() {
        deliver(troubled(CaseId.newId(), legacyNumber(), "Partner rebuild", today().minusDays(100))
                .events());
        deliver(ScriptedHistory.smoothPortalCase(
                        CaseId.newId(),
                        start(),
                        service.correlationId(),
                        "applicant-rebuild",
                        today().minusDays(100),
                        Region.BRAGA,
                        true)
                .events());
        JsonNode live = operations().get("/operations/read-models").body();
        assertThat(live.get("archivedEvents").asLong()).isPositive();
        assertThat(live.get("tables").get("ops_case").get("rows").asLong()).isPositive();

        // A live table damaged by hand is told apart by its checksum and repaired by the rebuild.
        jdbc.sql("delete from ops_failed_delivery where ctid in (select ctid from ops_failed_delivery limit 1)")
                .update();
        jdbc.sql("update ops_case set stage = 'REGISTERED' where case_id in (select case_id from ops_case limit 1)")
                .update();
        JsonNode damaged = operations().get("/operations/read-models").body();
        assertThat(damaged.get("tables")).isNotEqualTo(live.get("tables"));

        Response rebuilt = operations().post("/operations/read-models/rebuild", "{}");
        assertThat(rebuilt.status()).isEqualTo(200);
        assertThat(rebuilt.body().get("tables")).isEqualTo(live.get("tables"));
        assertThat(rebuilt.body().get("events").asLong())
                .isEqualTo(live.get("archivedEvents").asLong());
        assertThat(operations().get("/operations/read-models").body().get("tables"))
                .isEqualTo(live.get("tables"));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
        CaseId caseId = CaseId.newId();
        int partition = 0;
        // a case registered just before the unreadable records, on the same partition: it commits whether or not
        // it comes in the same poll as they do
        ScriptedHistory before = ScriptedHistory.smoothPortalCase(
                CaseId.newId(),
                start(),
                service.correlationId(),
                "applicant-before-poison",
                today().minusDays(5),
                Region.EVORA,
                false);
        service.kafka()
                .send(
                        Topics.APPLICATION_EVENTS,
                        partition,
                        before.events().getFirst().envelope());
        service.kafka()
                .sendRaw(new ProducerRecord<>(
                        Topics.APPLICATION_EVENTS,
                        partition,
                        caseId.toString(),
                        "{not an envelope".getBytes(StandardCharsets.UTF_8)));
        String brokenDecision =
                """
                {"eventId": "%s", "type": "DecisionIssued", "version": 1, "caseId": "%s",
                 "occurredAt": "2026-11-23T10:00:00Z", "actor": {"subject": "x", "role": "SYSTEM"},
                 "correlationId": "c", "causationId": "c", "payload": {"caseId": "%s", "outcome": "MAYBE"}}
                """
                        .formatted(UUID.randomUUID(), caseId, caseId);
        var broken = new ProducerRecord<>(
                Topics.APPLICATION_EVENTS,
                partition,
                caseId.toString(),
                brokenDecision.getBytes(StandardCharsets.UTF_8));
        broken.headers().add(Topics.HEADER_EVENT_TYPE, "DecisionIssued".getBytes(StandardCharsets.UTF_8));
        service.kafka().sendRaw(broken);
        ScriptedHistory script = ScriptedHistory.smoothPortalCase(
                caseId,
                start(),
                service.correlationId(),
                "applicant-poison",
                today().minusDays(5),
                Region.EVORA,
                false);
        Published registration = script.events().getFirst();
        RecordMetadata after = service.kafka().send(Topics.APPLICATION_EVENTS, partition, registration.envelope());

        service.awaitConsumed(after);
        assertThat(caseRow(caseId).orElseThrow()).containsEntry("stage", "REGISTERED");
        assertThat(archived(caseId)).as("nothing unreadable is archived").isEqualTo(1);
        assertThat(caseRow(before.caseId()).orElseThrow()).containsEntry("stage", "REGISTERED");
        assertThat(archived(before.caseId())).isEqualTo(1);
        String deadLetters = Topics.deadLetterTopic(Topics.APPLICATION_EVENTS, "operations-service");
        for (String reason :
                List.of("MalformedEventException: not JSON", "MalformedEventException: DecisionIssued v1")) {
            ConsumerRecord<String, byte[]> dead = service.kafka()
                    .awaitRecord(
                            deadLetters,
                            r -> caseId.toString().equals(r.key()) && reason(r).startsWith(reason));
            assertThat(dead).isNotNull();
        }
    }

    @Test
    void prometheusShowsTheBacklogByStageAndTheQueueLengths() {
        deliver(troubled(CaseId.newId(), legacyNumber(), "Partner gauges", today().minusDays(10))
                .events());
        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> {
            String scraped = operations()
                    .rest()
                    .get()
                    .uri("/actuator/prometheus")
                    .retrieve()
                    .body(String.class);
            assertThat(scraped)
                    .contains("aima_operations_backlog{")
                    .contains("stage=\"BIOMETRICS_SCHEDULED\"")
                    .contains("aima_operations_queue_length{")
                    .contains("queue=\"court-orders\"");
            assertThat(gauge(scraped, "aima_operations_queue_length", "queue=\"court-orders\""))
                    .isEqualTo(count("select count(*) from ops_court_order"));
            assertThat(gauge(scraped, "aima_operations_backlog", "stage=\"BIOMETRICS_SCHEDULED\""))
                    .isEqualTo(count("select count(*) from ops_case where stage = 'BIOMETRICS_SCHEDULED'"));
        });
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static long gauge(String scraped, String name, String tag) {
        return scraped.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(tag))
                .map(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(-1L);
    }

    private static String field(Response response) {
        assertThat(response.status()).isEqualTo(400);
        return response.problem().json().get("errors").get(0).get("field").asString();
    }

    /** The backlog as counted after everything delivered so far (counts are taken in the background). */
    private static JsonNode backlog() {
        Instant delivered = Instant.now();
        return await().atMost(ServiceHarness.PATIENCE)
                .until(
                        () -> {
                            Response response = operations().get("/operations/backlog");
                            assertThat(response.status()).isEqualTo(200);
                            return response.body();
                        },
                        body -> Instant.parse(body.get("computedAt").asString()).isAfter(delivered));
    }

    private static long sum(JsonNode counts) {
        long sum = 0;
        for (JsonNode count : counts) {
            sum += count.asLong();
        }
        return sum;
    }

    private static long delta(JsonNode before, JsonNode after, String dimension, String key) {
        return after.get(dimension).path(key).asLong(0)
                - before.get(dimension).path(key).asLong(0);
    }

    private static long courtOrdersLength(Caller caller) {
        for (JsonNode queue : caller.get("/operations/queues").body()) {
            if (queue.get("queue").asString().equals("court-orders")) {
                return queue.get("length").asLong();
            }
        }
        throw new AssertionError("no court-orders queue");
    }

    /** Every item of a queue (every page). */
    private static List<JsonNode> all(String queue) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = operations()
                    .get("/operations/queues/{q}?page={p}&size=200", queue, page)
                    .body();
            body.get("content").forEach(items::add);
            if (page + 1 >= body.get("totalPages").asInt()) {
                return items;
            }
        }
    }

    private static List<JsonNode> items(String queue, CaseId caseId) {
        return all(queue).stream()
                .filter(item -> item.get("caseId").asString().equals(caseId.toString()))
                .toList();
    }

    private static List<String> dates(List<JsonNode> items, String field) {
        return items.stream().map(item -> item.get(field).asString()).toList();
    }

    private long archived(CaseId caseId) {
        return jdbc.sql("select count(*) from event_archive where case_id = :caseId")
                .param("caseId", caseId.value())
                .query(Long.class)
                .single();
    }

    private java.util.Optional<Map<String, Object>> caseRow(CaseId caseId) {
        return jdbc
                .sql("select * from ops_case where case_id = :caseId")
                .param("caseId", caseId.value())
                .query()
                .listOfRows()
                .stream()
                .findFirst();
    }

    /** The case's rows in every read model, without the ids that differ between two cases of the same script. */
    private Map<String, List<Map<String, Object>>> snapshot(CaseId caseId) {
        Map<String, List<Map<String, Object>>> snapshot = new TreeMap<>();
        for (String table : List.of(
                "ops_case",
                "ops_document_waiting",
                "ops_evidence_request",
                "ops_missed_appointment",
                "ops_court_order",
                "ops_failed_delivery",
                "ops_member_stay")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : jdbc.sql("select * from " + table + " where case_id = :caseId")
                    .param("caseId", caseId.value())
                    .query()
                    .listOfRows()) {
                Map<String, Object> kept = new TreeMap<>(row);
                kept.keySet().removeAll(List.of("case_id", "document_id", "member_id", "notification_id"));
                rows.add(kept);
            }
            rows.sort(java.util.Comparator.comparing(Object::toString));
            snapshot.put(table, rows);
        }
        return snapshot;
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        String reason = IntegrationEventsClient.header(record, "aima-dlt-reason");
        return reason == null ? "" : reason;
    }
}
