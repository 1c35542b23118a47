package pt.aima.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.scheduling.allocation.DeskCalendar;
import pt.aima.scheduling.allocation.DeskCalendar.Position;
import pt.aima.scheduling.allocation.DeskProperties;
import pt.aima.scheduling.allocation.DeskSlotAllocator;
import pt.aima.scheduling.appointment.Slot;
import tools.jackson.databind.JsonNode;

/**
 * scheduling-service against a real PostgreSQL and a real Kafka broker: registrations and completed checklists arrive
 * over Kafka, slots are booked at the desk first come first served and published, a caseworker records the
 * biometrics over REST.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulingServiceIT {

    private static final IntegrationEventCodec codec = IntegrationEventCodec.platform();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "scheduling_service_it");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    DeskProperties desk;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    EventProcessingConfiguration processing;

    private RestClient http;
    private IntegrationEventsClient kafka;

    @BeforeAll
    void connect() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
        kafka = IntegrationEventsClient.connect();
    }

    @AfterAll
    void disconnect() {
        kafka.close();
    }

    @Test
    void schedulesACaseOnceItsDocumentsAreCompleteAndRecordsItsBiometrics() {
        CaseId caseId = CaseId.newId();
        kafka.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-1"), "corr-happy-path");
        JsonNode waiting = awaitStatus(caseId, token("applicant-1", "APPLICANT"), "AWAITING_DOCUMENTS");
        assertThat(waiting.get("deskId").isNull()).isTrue();

        var completed =
                kafka.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId), "corr-happy-path");
        JsonNode scheduled = awaitStatus(caseId, token("applicant-1", "APPLICANT"), "SCHEDULED");
        assertThat(scheduled.get("deskId").asString()).isEqualTo("LISBOA-1");
        assertThat(scheduled.get("durationMinutes").asInt()).isEqualTo(15);
        LocalDateTime startsAt = LocalDateTime.parse(scheduled.get("startsAt").asString());
        assertThat(startsAt.toLocalDate()).isAfter(LocalDate.now(clock));
        assertThat(startsAt.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(startsAt.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(18, 45));

        EventEnvelope<?> slot = kafka.awaitPublished(Topics.SCHEDULING_EVENTS, caseId, "BiometricSlotAssigned");
        assertThat(slot.payload()).isEqualTo(new BiometricSlotAssigned(caseId, "LISBOA-1", startsAt, 15));
        assertThat(slot.actor()).isEqualTo(Actor.system("scheduling-service"));
        assertThat(slot.correlationId()).isEqualTo("corr-happy-path");
        assertThat(slot.causationId()).isEqualTo(completed.eventId().toString());

        assertThat(collectBiometrics(token("caseworker-1", "CASEWORKER"), caseId.toString(), "corr-desk")
                        .getStatusCode()
                        .value())
                .isEqualTo(202);
        awaitStatus(caseId, token("applicant-1", "APPLICANT"), "BIOMETRICS_COLLECTED");
        EventEnvelope<?> collected = kafka.awaitPublished(Topics.SCHEDULING_EVENTS, caseId, "BiometricsCollected");
        assertThat(collected.payload()).isEqualTo(new BiometricsCollected(caseId, "LISBOA-1"));
        assertThat(collected.actor()).isEqualTo(new Actor("caseworker-1", "CASEWORKER"));
        assertThat(collected.correlationId()).isEqualTo("corr-desk");

        var again = collectBiometrics(token("caseworker-1", "CASEWORKER"), caseId.toString(), "corr-desk");
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody().get("rule").asString()).isEqualTo("BIOMETRICS_ALREADY_COLLECTED");
    }

    @Test
    void aChecklistCompletedBeforeTheRegistrationArrivesIsScheduledAllTheSame() {
        CaseId caseId = CaseId.newId();
        kafka.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId), "corr-out-of-order");
        awaitStatus(caseId, token("operations-1", "OPERATIONS"), "SCHEDULED");
        assertThat(getAppointment(caseId, token("applicant-7", "APPLICANT"))
                        .getStatusCode()
                        .value())
                .as("whose case it is is not known yet")
                .isEqualTo(403);

        kafka.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-7"), "corr-out-of-order");
        awaitStatus(caseId, token("applicant-7", "APPLICANT"), "SCHEDULED");
        assertThat(slotsHeldBy(caseId)).isEqualTo(1);
    }

    @Test
    void casesCompletingTheirChecklistsGetConsecutiveSlotsInCompletionOrder() {
        CaseId first = CaseId.newId();
        CaseId second = CaseId.newId();
        // One partition, so the service sees the two completions in the order they happened.
        int partition = 0;
        kafka.send(
                Topics.DOCUMENT_EVENTS, partition, kafka.envelope(new DocumentChecklistCompleted(first), "corr-first"));
        kafka.send(
                Topics.DOCUMENT_EVENTS,
                partition,
                kafka.envelope(new DocumentChecklistCompleted(second), "corr-second"));

        String staff = token("operations-1", "OPERATIONS");
        LocalDateTime firstStartsAt = LocalDateTime.parse(
                awaitStatus(first, staff, "SCHEDULED").get("startsAt").asString());
        LocalDateTime secondStartsAt = LocalDateTime.parse(
                awaitStatus(second, staff, "SCHEDULED").get("startsAt").asString());

        DeskCalendar calendar = desk.calendar();
        assertThat(secondStartsAt).isEqualTo(calendar.startsAt(calendar.next(positionOf(first))));
        assertThat(secondStartsAt).isAfter(firstStartsAt);
    }

    @Test
    void aRedeliveredOrRepeatedCompletionBooksOneSlot() {
        CaseId caseId = CaseId.newId();
        var completed = kafka.envelope(new DocumentChecklistCompleted(caseId), "corr-redelivery");
        int partition = kafka.send(Topics.DOCUMENT_EVENTS, completed).partition();
        kafka.send(Topics.DOCUMENT_EVENTS, completed);
        kafka.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId), "corr-redelivery");
        // A later record on the same partition proves the three before it were consumed.
        CaseId fence = CaseId.newId();
        kafka.send(
                Topics.DOCUMENT_EVENTS, partition, kafka.envelope(new DocumentChecklistCompleted(fence), "corr-fence"));
        awaitStatus(fence, token("operations-1", "OPERATIONS"), "SCHEDULED");

        assertThat(slotsHeldBy(caseId)).isEqualTo(1);
        assertThat(historyTypes(caseId)).containsExactly("BiometricSlotBooked");
        assertThat(jdbc.sql("select count(*) from inbox where case_id = :caseId")
                        .param("caseId", caseId.value())
                        .query(Long.class)
                        .single())
                .as("two distinct events, each applied once")
                .isEqualTo(2);
    }

    @Test
    void malformedRecordsAreDeadLetteredAndTheConsumerMovesOn() {
        CaseId caseId = CaseId.newId();
        int partition = kafka.sendRaw(new ProducerRecord<>(
                        Topics.DOCUMENT_EVENTS, caseId.toString(), "{not an envelope".getBytes(StandardCharsets.UTF_8)))
                .partition();
        String brokenPayload = new String(
                        codec.encode(kafka.envelope(new DocumentChecklistCompleted(caseId), "corr-poison")),
                        StandardCharsets.UTF_8)
                .replace("\"payload\":{\"caseId\":\"" + caseId + "\"}", "\"payload\":{\"caseId\":\"not-a-uuid\"}");
        var broken = new ProducerRecord<>(
                Topics.DOCUMENT_EVENTS, partition, caseId.toString(), brokenPayload.getBytes(StandardCharsets.UTF_8));
        broken.headers().add(Topics.HEADER_EVENT_TYPE, bytes("DocumentChecklistCompleted"));
        kafka.sendRaw(broken);
        kafka.send(
                Topics.DOCUMENT_EVENTS,
                partition,
                kafka.envelope(new DocumentChecklistCompleted(caseId), "corr-poison"));

        awaitStatus(caseId, token("operations-1", "OPERATIONS"), "SCHEDULED");
        String deadLetters = Topics.deadLetterTopic(Topics.DOCUMENT_EVENTS, "scheduling-service");
        List<String> reasons = kafka
                .awaitRecords(deadLetters, record -> caseId.toString().equals(record.key()), found -> found.size() == 2)
                .stream()
                .map(record -> IntegrationEventsClient.header(record, "aima-dlt-reason"))
                .toList();
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).startsWith("MalformedEventException: not JSON"));
        assertThat(reasons).anySatisfy(reason -> assertThat(reason)
                .startsWith("MalformedEventException: DocumentChecklistCompleted v1"));
    }

    @Test
    void refusesBadInputAndChangesNothing() {
        CaseId caseId = CaseId.newId();
        kafka.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-4"), "corr-refusals");
        awaitStatus(caseId, token("applicant-4", "APPLICANT"), "AWAITING_DOCUMENTS");
        long eventsBefore = storedEvents();
        String caseworker = token("caseworker-1", "CASEWORKER");

        var notACaseId = collectBiometrics(caseworker, "not-a-case-id", "corr-refusals");
        assertThat(notACaseId.getStatusCode().value()).isEqualTo(400);
        assertThat(notACaseId.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(notACaseId.getBody().get("detail").asString()).contains("caseId");

        var unknownCase = collectBiometrics(caseworker, UUID.randomUUID().toString(), "corr-refusals");
        assertThat(unknownCase.getStatusCode().value()).isEqualTo(404);
        assertThat(getAppointment(CaseId.newId(), caseworker).getStatusCode().value())
                .isEqualTo(404);

        var beforeTheAppointment = collectBiometrics(caseworker, caseId.toString(), "corr-refusals");
        assertThat(beforeTheAppointment.getStatusCode().value()).isEqualTo(409);
        assertThat(beforeTheAppointment.getBody().get("rule").asString()).isEqualTo("NO_APPOINTMENT");

        assertThat(getAppointment(caseId, token("applicant-5", "APPLICANT"))
                        .getStatusCode()
                        .value())
                .as("another applicant's case")
                .isEqualTo(403);
        assertThat(collectBiometrics(token("applicant-4", "APPLICANT"), caseId.toString(), "corr-refusals")
                        .getStatusCode()
                        .value())
                .as("applicants do not record biometrics")
                .isEqualTo(403);
        assertThat(collectBiometrics(token("operations-1", "OPERATIONS"), caseId.toString(), "corr-refusals")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(http.get()
                        .uri("/cases/{id}/appointment", caseId)
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(401);

        assertThat(storedEvents()).isEqualTo(eventsBefore);
        assertThat(slotsHeldBy(caseId)).isZero();
    }

    @Test
    void concurrentBookingsAtOneDeskNeverShareASlot() throws Exception {
        DeskProperties smallDesk =
                new DeskProperties("IT-" + UUID.randomUUID().toString().substring(0, 8), 3, LocalTime.of(9, 0), 20);
        DeskSlotAllocator allocator = new DeskSlotAllocator(jdbc, clock, smallDesk);
        int bookings = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(bookings);
        try {
            List<Future<Slot>> slots = new ArrayList<>();
            for (int i = 0; i < bookings; i++) {
                slots.add(threads.submit(() -> {
                    start.await();
                    return transaction.execute(status -> allocator.allocate(CaseId.newId()));
                }));
            }
            start.countDown();
            List<LocalDateTime> booked = new ArrayList<>();
            for (Future<Slot> slot : slots) {
                booked.add(slot.get().startsAt());
            }

            DeskCalendar calendar = smallDesk.calendar();
            List<LocalDateTime> expected = new ArrayList<>();
            Position position = calendar.firstBookableAfter(LocalDate.now(clock));
            for (int i = 0; i < bookings; i++) {
                expected.add(calendar.startsAt(position));
                position = calendar.next(position);
            }
            assertThat(booked).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theAppointmentsRebuiltFromHistoryEqualThoseBuiltLive() {
        CaseId caseId = CaseId.newId();
        kafka.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-9"), "corr-rebuild");
        kafka.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId), "corr-rebuild");
        awaitStatus(caseId, token("applicant-9", "APPLICANT"), "SCHEDULED");
        List<Map<String, Object>> live = appointments();

        StreamingEventProcessor processor = processing
                .eventProcessor("appointments", StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(appointments())
                .as("the reset handler cleared the read model")
                .isEmpty();
        processor.start();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(appointments()).isEqualTo(live));
    }

    private Position positionOf(CaseId caseId) {
        return jdbc.sql("select day, slot_index from desk_slot where case_id = :caseId")
                .param("caseId", caseId.value())
                .query((rs, row) -> new Position(rs.getObject("day", LocalDate.class), rs.getInt("slot_index")))
                .single();
    }

    private long slotsHeldBy(CaseId caseId) {
        return jdbc.sql("select count(*) from desk_slot where case_id = :caseId")
                .param("caseId", caseId.value())
                .query(Long.class)
                .single();
    }

    private long storedEvents() {
        return jdbc.sql("select count(*) from domain_event_entry")
                .query(Long.class)
                .single();
    }

    private List<Map<String, Object>> appointments() {
        return jdbc.sql("select * from appointment order by case_id").query().listOfRows();
    }

    private List<String> historyTypes(CaseId caseId) {
        JsonNode history = http.get()
                .uri("/audit/cases/{id}/events", caseId)
                .header("Authorization", "Bearer " + token("auditor-1", "AUDITOR"))
                .retrieve()
                .body(JsonNode.class);
        List<String> types = new ArrayList<>();
        history.forEach(entry -> types.add(entry.get("type").asString()));
        return types;
    }

    private ResponseEntity<JsonNode> collectBiometrics(String token, String caseId, String correlationId) {
        return http.post()
                .uri("/cases/{id}/biometrics", caseId)
                .header("Authorization", "Bearer " + token)
                .header("X-Correlation-Id", correlationId)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> getAppointment(CaseId caseId, String token) {
        return http.get()
                .uri("/cases/{id}/appointment", caseId)
                .header("Authorization", "Bearer " + token)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private JsonNode awaitStatus(CaseId caseId, String token, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> getAppointment(caseId, token).getBody(),
                        body -> body != null
                                && body.has("status")
                                && status.equals(body.get("status").asString()));
    }

    private static ApplicationRegistered registered(CaseId caseId, String applicantId) {
        return new ApplicationRegistered(
                caseId,
                applicantId,
                LocalDate.of(2026, 11, 2),
                List.of(
                        new HouseholdMember(MemberId.newId(), Relationship.SPOUSE, LocalDate.of(1990, 5, 1), true),
                        new HouseholdMember(
                                MemberId.newId(), Relationship.MINOR_CHILD, LocalDate.of(2016, 3, 1), true)),
                "pt");
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String token(String subject, String role) {
        return LocalInfrastructure.shared().tokens().token(subject, role);
    }
}
