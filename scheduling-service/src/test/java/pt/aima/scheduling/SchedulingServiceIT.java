package pt.aima.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.scheduling.BiometricAppointmentMissed;
import pt.aima.kernel.scheduling.BiometricAppointmentRescheduled;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.kernel.scheduling.DeskCapacityChanged;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.observability.CaseTracing;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import pt.aima.platform.testing.tracing.FinishedSpans;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordApplication;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordBiometricsCollected;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordChecklistCompleted;
import pt.aima.scheduling.appointment.AppointmentCommand.RegisterCourtOrder;
import pt.aima.scheduling.appointment.AppointmentCommand.RequestReschedule;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricSlotBooked;
import pt.aima.scheduling.appointment.AppointmentEvent.CaseQueued;
import pt.aima.scheduling.desk.DeskCommand.SetCapacity;
import pt.aima.scheduling.desk.DeskEvent.CapacitySet;
import pt.aima.scheduling.desk.DeskId;
import pt.aima.scheduling.process.schedulingpass.SchedulingRun;
import pt.aima.scheduling.process.schedulingpass.SchedulingRun.Outcome;
import pt.aima.scheduling.projection.queue.ScheduleSnapshot;
import pt.aima.scheduling.projection.queue.SchedulerTablesRebuild;
import tools.jackson.databind.JsonNode;

/**
 * scheduling-service against a real PostgreSQL and a real Kafka broker: registrations and completed checklists arrive
 * over Kafka, scheduling passes book the households in order of registration and publish the appointments, desks
 * change over REST and their appointments move with a reason, a caseworker records the biometrics over REST.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Scheduling passes run when a test asks (awaitStatus does), so what one pass sees is under the test's control; a pass
// records its decisions 7 at a time, so the large batch spans many transactions.
@TestPropertySource(properties = {"aima.scheduling.run-every=PT1H", "aima.scheduling.record-chunk=7"})
// The large batch fills the default desk for weeks: it runs last, so the other tests' dates stay near.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Import(FinishedSpans.class)
class SchedulingServiceIT {

    private static final IntegrationEventCodec codec = IntegrationEventCodec.platform();

    /** The service's clock, in mainland Portugal like the platform's, which a test may move and must reset. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ControlledTime {

        @Bean
        ControlledClock clock() {
            return new ControlledClock(ZoneId.of("Europe/Lisbon"), new AtomicReference<>(Duration.ZERO));
        }
    }

    /** The system clock, moved by an offset the test sets; clocks in other zones made from it move with it. */
    static final class ControlledClock extends Clock {

        private final ZoneId zone;
        private final AtomicReference<Duration> offset;

        ControlledClock(ZoneId zone, AtomicReference<Duration> offset) {
            this.zone = zone;
            this.offset = offset;
        }

        /** From now on, the service's time is {@code localTime} (in the clock's zone) and runs on from there. */
        void moveTo(LocalDateTime localTime) {
            offset.set(Duration.between(Instant.now(), localTime.atZone(zone).toInstant()));
        }

        void reset() {
            offset.set(Duration.ZERO);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new ControlledClock(other, offset);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }

    /** Tokens, REST, Kafka, this test's correlation id and the probes of the event store and inbox. */
    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "scheduling_service_it");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ControlledClock clock;

    @Autowired
    SchedulingRun schedulingRun;

    @Autowired
    ScheduleSnapshot scheduleSnapshot;

    @Autowired
    ActingCommandGateway commands;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    SchedulerTablesRebuild schedulerTablesRebuild;

    @Autowired
    EventStore eventStore;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Test
    void schedulesACaseOnceItsDocumentsAreCompleteAndRecordsItsBiometrics() {
        CaseId caseId = CaseId.newId();
        ApplicationRegistered registration = registered(caseId, "applicant-1");
        service.kafka().publish(Topics.APPLICATION_EVENTS, registration, "corr-happy-path");
        JsonNode waiting = awaitStatus(caseId, service.as("applicant-1", "APPLICANT"), "AWAITING_DOCUMENTS");
        assertThat(waiting.get("deskId").isNull()).isTrue();

        var completed = service.kafka()
                .publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId), "corr-happy-path");
        JsonNode scheduled = awaitStatus(caseId, service.as("applicant-1", "APPLICANT"), "SCHEDULED");
        assertThat(scheduled.get("deskId").asString()).isEqualTo("LISBOA-1");
        assertThat(scheduled.get("durationMinutes").asInt())
                .as("two members, one slot each")
                .isEqualTo(30);
        LocalDateTime startsAt = LocalDateTime.parse(scheduled.get("startsAt").asString());
        assertThat(startsAt.toLocalDate()).isAfter(LocalDate.now(clock));
        assertThat(startsAt.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(startsAt.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(18, 45));

        EventEnvelope<?> slot =
                service.kafka().awaitPublished(Topics.SCHEDULING_EVENTS, caseId, "BiometricSlotAssigned");
        assertThat(slot.payload())
                .isEqualTo(new BiometricSlotAssigned(
                        caseId,
                        "LISBOA-1",
                        startsAt,
                        30,
                        registration.household().stream()
                                .map(HouseholdMember::memberId)
                                .toList()));
        assertThat(slot.actor()).isEqualTo(Actor.system("scheduling-service"));
        assertThat(slot.correlationId()).isEqualTo("corr-happy-path");
        assertThat(slot.causationId()).isEqualTo(completed.eventId().toString());

        Caller desk = service.as("caseworker-1", "CASEWORKER").withCorrelationId("corr-desk");
        assertThat(collectBiometrics(desk, caseId.toString()).status()).isEqualTo(202);
        awaitStatus(caseId, service.as("applicant-1", "APPLICANT"), "BIOMETRICS_COLLECTED");
        EventEnvelope<?> collected =
                service.kafka().awaitPublished(Topics.SCHEDULING_EVENTS, caseId, "BiometricsCollected");
        assertThat(collected.payload()).isEqualTo(new BiometricsCollected(caseId, "LISBOA-1"));
        assertThat(collected.actor()).isEqualTo(new Actor("caseworker-1", "CASEWORKER"));
        assertThat(collected.correlationId()).isEqualTo("corr-desk");

        var again = collectBiometrics(desk, caseId.toString());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("rule").asString()).isEqualTo("BIOMETRICS_ALREADY_COLLECTED");
    }

    /**
     * The scheduling pass runs on a thread of its own, for many cases at once, yet each booking continues the trace of
     * the flow that queued its case (here the completed checklist's, as document-service's relay sends it): the booking's
     * span names the case and the flow, and the event it stores and the record published carry that trace on.
     */
    @Test
    void aBookingContinuesTheTraceOfTheFlowThatQueuedTheCase() {
        CaseId caseId = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-traced"));
        awaitStatus(caseId, service.as("applicant-traced", "APPLICANT"), "AWAITING_DOCUMENTS");
        String checklistTrace = FinishedSpans.newTraceId();
        EventEnvelope<DocumentChecklistCompleted> completed = service.envelope(new DocumentChecklistCompleted(caseId));
        var record = new ProducerRecord<>(Topics.DOCUMENT_EVENTS, caseId.toString(), codec.encode(completed));
        record.headers().add(Topics.HEADER_EVENT_ID, bytes(completed.eventId().toString()));
        record.headers().add(Topics.HEADER_EVENT_TYPE, bytes(completed.type()));
        record.headers().add(Topics.HEADER_SCHEMA_VERSION, bytes(Integer.toString(completed.version())));
        record.headers().add(CaseTracing.TRACEPARENT, bytes(FinishedSpans.traceparent(checklistTrace)));
        record.headers()
                .add(
                        CaseTracing.BAGGAGE,
                        bytes(CaseTracing.CASE_ID + "=" + caseId + "," + CaseTracing.CORRELATION_ID + "="
                                + service.correlationId()));
        service.kafka().sendRaw(record);

        awaitStatus(caseId, service.as("applicant-traced", "APPLICANT"), "SCHEDULED");

        var booked = eventStore
                .readEvents(caseId.toString())
                .asStream()
                .filter(event -> event.getPayload() instanceof BiometricSlotBooked)
                .findFirst()
                .orElseThrow();
        assertThat(booked.getMetaData().get(CaseTracing.TRACEPARENT).toString())
                .as("the booking is stored in the trace of the flow that queued the case")
                .startsWith("00-" + checklistTrace + "-");
        var published = service.kafka()
                .awaitRecord(
                        Topics.SCHEDULING_EVENTS,
                        candidate -> caseId.toString().equals(candidate.key())
                                && "BiometricSlotAssigned"
                                        .equals(IntegrationEventsClient.header(candidate, Topics.HEADER_EVENT_TYPE)));
        assertThat(IntegrationEventsClient.header(published, CaseTracing.TRACEPARENT))
                .startsWith("00-" + checklistTrace + "-");
        var bookingSpan = FinishedSpans.ofTrace(checklistTrace).stream()
                .filter(span -> "scheduling-pass BookSlot".equals(span.name()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no booking span in " + FinishedSpans.ofTrace(checklistTrace)));
        assertThat(bookingSpan.tag(CaseTracing.CASE_ID)).isEqualTo(caseId.toString());
        assertThat(bookingSpan.tag(CaseTracing.CORRELATION_ID)).isEqualTo(service.correlationId());
    }

    @Test
    void aChecklistCompletedBeforeTheRegistrationWaitsForItBecauseTheRegistrationOrdersTheQueue() {
        CaseId caseId = CaseId.newId();
        var completed = service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
        service.inbox().awaitProcessed(completed);
        schedulingRun.run();
        assertThat(slotsHeldBy(caseId))
                .as("not in the queue before its registration is known")
                .isZero();

        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-7"));
        awaitStatus(caseId, service.as("applicant-7", "APPLICANT"), "SCHEDULED");
        assertThat(slotsHeldBy(caseId)).as("one slot per member").isEqualTo(2);
    }

    @Test
    void version2OfTheRegistrationWithoutTheHouseholdsPersonalFactsQueuesTheCaseAlike() {
        CaseId caseId = CaseId.newId();
        service.publish(
                Topics.APPLICATION_EVENTS,
                new ApplicationRegisteredV2(
                        caseId,
                        "applicant-v2",
                        LocalDate.of(2026, 11, 2),
                        List.of(
                                new ApplicationRegisteredV2.Member(MemberId.newId(), Relationship.SPOUSE, true, null),
                                new ApplicationRegisteredV2.Member(
                                        MemberId.newId(), Relationship.MINOR_CHILD, true, null)),
                        "pt",
                        null,
                        Region.LISBOA,
                        null));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
        awaitStatus(caseId, service.as("applicant-v2", "APPLICANT"), "SCHEDULED");
        assertThat(slotsHeldBy(caseId)).as("one slot per member").isEqualTo(2);
    }

    @Test
    void casesAreScheduledInOrderOfRegistrationNotOfCompletion() {
        CaseId recent = CaseId.newId();
        CaseId fromSef = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registered(recent, "applicant-r", LocalDate.of(2026, 11, 2)));
        service.publish(Topics.APPLICATION_EVENTS, registered(fromSef, "applicant-s", LocalDate.of(2023, 5, 2)));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(recent));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(fromSef));
        Caller staff = service.as("operations-1", "OPERATIONS");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "WAITING_FOR_SLOT".equals(status(recent, staff))
                        && "WAITING_FOR_SLOT".equals(status(fromSef, staff)));

        JsonNode position = getJson("/cases/" + fromSef + "/queue-position", staff);
        assertThat(position.get("estimatedDate").isNull()).isFalse();
        assertThat(position.get("position").asInt()).isPositive();
        JsonNode forecast = getJson("/scheduling/forecast", staff);
        assertThat(forecast.get("waitingCases").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(forecast.get("clearedOn").isNull()).isFalse();
        assertThat(getJson("/scheduling/forecast", service.as("applicant-r", "APPLICANT"))
                        .get("status")
                        .asInt())
                .isEqualTo(403);

        LocalDateTime recentStartsAt = LocalDateTime.parse(
                awaitStatus(recent, staff, "SCHEDULED").get("startsAt").asString());
        LocalDateTime fromSefStartsAt = LocalDateTime.parse(
                awaitStatus(fromSef, staff, "SCHEDULED").get("startsAt").asString());
        assertThat(fromSefStartsAt)
                .as("submitted to SEF in 2023: ahead of 2026")
                .isBefore(recentStartsAt);
    }

    @Test
    void aRedeliveredOrRepeatedCompletionBooksOneAppointment() {
        CaseId caseId = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-2"));
        var completed = service.envelope(new DocumentChecklistCompleted(caseId));
        service.kafka().send(Topics.DOCUMENT_EVENTS, completed);
        service.kafka().send(Topics.DOCUMENT_EVENTS, completed);
        // the same case's key: one partition, so once the consumer is past the last record it is past all three
        RecordMetadata last =
                service.kafka().send(Topics.DOCUMENT_EVENTS, service.envelope(new DocumentChecklistCompleted(caseId)));
        service.awaitConsumed(last);
        awaitStatus(caseId, service.as("operations-1", "OPERATIONS"), "SCHEDULED");

        assertThat(slotsHeldBy(caseId)).isEqualTo(2);
        assertThat(historyTypes(caseId))
                .containsExactly(
                        "ApplicationRecorded",
                        "CaseRegionRecorded",
                        "ChecklistCompletionRecorded",
                        "CaseQueued",
                        "BiometricSlotBooked");
        assertThat(service.inbox().count(caseId))
                .as("the registration and two distinct completions, each applied once")
                .isEqualTo(3);
    }

    @Test
    void malformedRecordsAreDeadLetteredAndTheConsumerMovesOn() {
        CaseId caseId = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-3"));
        int partition = service.kafka()
                .sendRaw(new ProducerRecord<>(
                        Topics.DOCUMENT_EVENTS, caseId.toString(), "{not an envelope".getBytes(StandardCharsets.UTF_8)))
                .partition();
        String brokenPayload = new String(
                        codec.encode(service.envelope(new DocumentChecklistCompleted(caseId))), StandardCharsets.UTF_8)
                .replace("\"payload\":{\"caseId\":\"" + caseId + "\"}", "\"payload\":{\"caseId\":\"not-a-uuid\"}");
        var broken = new ProducerRecord<>(
                Topics.DOCUMENT_EVENTS, partition, caseId.toString(), brokenPayload.getBytes(StandardCharsets.UTF_8));
        broken.headers().add(Topics.HEADER_EVENT_TYPE, bytes("DocumentChecklistCompleted"));
        service.kafka().sendRaw(broken);
        service.kafka()
                .send(Topics.DOCUMENT_EVENTS, partition, service.envelope(new DocumentChecklistCompleted(caseId)));

        awaitStatus(caseId, service.as("operations-1", "OPERATIONS"), "SCHEDULED");
        String deadLetters = Topics.deadLetterTopic(Topics.DOCUMENT_EVENTS, "scheduling-service");
        List<String> reasons = service
                .kafka()
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
        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-4"));
        awaitStatus(caseId, service.as("applicant-4", "APPLICANT"), "AWAITING_DOCUMENTS");
        long eventsBefore = service.eventStore().countCausedByThisTest();
        Caller caseworker = service.as("caseworker-1", "CASEWORKER");

        var notACaseId = collectBiometrics(caseworker, "not-a-case-id");
        assertThat(notACaseId.status()).isEqualTo(400);
        assertThat(notACaseId.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(notACaseId.body().get("detail").asString()).contains("caseId");

        var unknownCase = collectBiometrics(caseworker, UUID.randomUUID().toString());
        assertThat(unknownCase.status()).isEqualTo(404);
        assertThat(getAppointment(CaseId.newId(), caseworker).status()).isEqualTo(404);

        var beforeTheAppointment = collectBiometrics(caseworker, caseId.toString());
        assertThat(beforeTheAppointment.status()).isEqualTo(409);
        assertThat(beforeTheAppointment.body().get("rule").asString()).isEqualTo("NO_APPOINTMENT");

        assertThat(getAppointment(caseId, service.as("applicant-5", "APPLICANT"))
                        .status())
                .as("another applicant's case")
                .isEqualTo(403);
        assertThat(collectBiometrics(service.as("applicant-4", "APPLICANT"), caseId.toString())
                        .status())
                .as("applicants do not record biometrics")
                .isEqualTo(403);
        assertThat(collectBiometrics(service.as("operations-1", "OPERATIONS"), caseId.toString())
                        .status())
                .isEqualTo(403);
        assertThat(service.anonymous().get("/cases/{id}/appointment", caseId).status())
                .isEqualTo(401);

        assertThat(service.eventStore().countCausedByThisTest()).isEqualTo(eventsBefore);
        assertThat(slotsHeldBy(caseId)).isZero();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void twoSchedulersAssignALargeBatchWithoutBookingAnySlotTwice() throws Exception {
        int cases = 240;
        List<CaseId> batch = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            CaseId caseId = CaseId.newId();
            batch.add(caseId);
            commands.send(
                    new RecordApplication(
                            caseId,
                            "applicant-batch",
                            LocalDate.of(2025, 1, 1).plusDays(i % 300),
                            Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i),
                            java.util.stream.IntStream.range(0, 1 + i % 4)
                                    .mapToObj(m -> MemberId.newId())
                                    .toList()),
                    system("corr-batch"));
            commands.send(new RecordChecklistCompleted(caseId), system("corr-batch"));
        }
        // Two schedulers on two threads, each with its own connection and transaction, as two instances would run.
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<Outcome>> passes = new ArrayList<>();
            for (int instance = 0; instance < 2; instance++) {
                passes.add(instances.submit(() -> {
                    start.await();
                    return schedulingRun.run();
                }));
            }
            start.countDown();
            int booked = 0;
            for (Future<Outcome> pass : passes) {
                booked += pass.get().booked();
            }
            assertThat(booked).as("every case booked once, by one of the two").isGreaterThanOrEqualTo(cases);
        } finally {
            instances.shutdownNow();
        }

        assertThat(jdbc.sql("select count(*) from queue_entry where state = 'BOOKED' and case_id in (:ids)")
                        .param("ids", batch.stream().map(CaseId::value).toList())
                        .query(Long.class)
                        .single())
                .isEqualTo(cases);
        // recorded over many transactions (7 decisions each), still in the order of registration: day, then desk, then
        // slot, as the scheduler searches
        List<DeskSlotRow> firstSlotsInOrderOfRegistration = jdbc.sql(
                        """
                select s.desk_id, s.day, min(s.slot_index) as slot_index
                from desk_slot s join queue_entry q using (case_id)
                where case_id in (:ids) group by s.case_id, s.desk_id, s.day, q.submitted_on, q.registered_at
                order by q.submitted_on, q.registered_at
                """)
                .param("ids", batch.stream().map(CaseId::value).toList())
                .query(DeskSlotRow.class)
                .list();
        assertThat(firstSlotsInOrderOfRegistration)
                .hasSize(cases)
                .isSortedAccordingTo(Comparator.comparing(DeskSlotRow::day)
                        .thenComparing(DeskSlotRow::deskId)
                        .thenComparingInt(DeskSlotRow::slotIndex));
        // and every booking is published: none of the chunks' events is skipped by the relay
        Set<String> published = new HashSet<>();
        Set<String> wanted = batch.stream().map(CaseId::toString).collect(Collectors.toSet());
        service.kafka()
                .awaitRecords(
                        Topics.SCHEDULING_EVENTS,
                        record -> wanted.contains(record.key())
                                && "BiometricSlotAssigned"
                                        .equals(IntegrationEventsClient.header(record, Topics.HEADER_EVENT_TYPE))
                                && published.add(record.key()),
                        found -> found.size() == cases);
        assertThat(published).isEqualTo(wanted);
        assertThat(jdbc.sql(
                                """
                        select count(*) from (select desk_id, day, slot_index from desk_slot
                                              group by desk_id, day, slot_index having count(*) > 1) twice
                        """)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql(
                                """
                        select count(*) from (select s.case_id from desk_slot s join queue_entry q using (case_id)
                                              group by s.case_id, q.household_size
                                              having count(distinct s.day) > 1 or count(distinct s.desk_id) > 1
                                                  or max(s.slot_index) - min(s.slot_index) + 1 <> q.household_size
                                                  or count(*) <> q.household_size) split
                        """)
                        .query(Long.class)
                        .single())
                .as("households together, on consecutive slots")
                .isZero();
        DeskSlotRow taken = jdbc.sql("select desk_id, day, slot_index from desk_slot limit 1")
                .query(DeskSlotRow.class)
                .single();
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> jdbc.sql(
                                """
                        insert into desk_slot (desk_id, day, slot_index, case_id, member_index, starts_at,
                                               duration_minutes, booked_at)
                        values (:desk, :day, :index, :caseId, 0, now(), 15, now())
                        """)
                        .param("desk", taken.deskId())
                        .param("day", taken.day())
                        .param("index", taken.slotIndex())
                        .param("caseId", UUID.randomUUID())
                        .update()))
                .as("the database refuses a slot taken twice, whatever the code above it does")
                .isInstanceOf(DuplicateKeyException.class);
    }

    record DeskSlotRow(String deskId, LocalDate day, int slotIndex) {}

    @Test
    void aClosureMovesItsAppointmentsWithTheReasonAndTellsTheApplicant() {
        CaseId caseId = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-c"));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
        Caller operations = service.as("operations-1", "OPERATIONS");
        JsonNode before = awaitStatus(caseId, operations, "SCHEDULED");
        LocalDateTime was = LocalDateTime.parse(before.get("startsAt").asString());
        String desk = before.get("deskId").asString();

        var closed = send(
                "POST",
                "/desks/" + desk + "/closures",
                operations,
                Map.of(
                        "from", was.toLocalDate().toString(),
                        "until", was.toLocalDate().toString(),
                        "reason", "Electrical works at the desk"));
        assertThat(closed.status()).isEqualTo(202);
        JsonNode calendar = getJson("/desks/" + desk, operations);
        assertThat(calendar.get("periods").get(0).get("slotsPerDay").asInt()).isEqualTo(40);
        assertThat(calendar.get("closures").toString()).contains("Electrical works at the desk");

        schedulingRun.run();
        JsonNode after = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> getAppointment(caseId, operations).body(),
                        body -> body != null && body.hasNonNull("lastChangeReason"));
        LocalDateTime now = LocalDateTime.parse(after.get("startsAt").asString());
        assertThat(now.toLocalDate()).isAfter(was.toLocalDate());
        assertThat(after.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(after.get("lastChangeReason").asString()).isEqualTo("Electrical works at the desk");
        EventEnvelope<?> notice =
                service.kafka().awaitPublished(Topics.SCHEDULING_EVENTS, caseId, "BiometricAppointmentRescheduled");
        assertThat(notice.payload())
                .isEqualTo(new BiometricAppointmentRescheduled(
                        caseId, desk, desk, was, now, 30, "DESK_CLOSED", "Electrical works at the desk"));
        EventEnvelope<?> change = service.kafka()
                .awaitPublished(Topics.SCHEDULING_EVENTS, DeskCapacityChanged.streamOf(desk), "DeskCapacityChanged");
        assertThat(change.payload()).isInstanceOf(DeskCapacityChanged.class);
    }

    @Test
    void anApplicantMayMoveTheAppointmentOnceAndTwoNoShowsGoToACaseworker() {
        CaseId caseId = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-m"));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
        Caller applicant = service.as("applicant-m", "APPLICANT");
        Caller caseworker = service.as("caseworker-1", "CASEWORKER");
        LocalDateTime first = LocalDateTime.parse(
                awaitStatus(caseId, applicant, "SCHEDULED").get("startsAt").asString());

        assertThat(send(
                                "POST",
                                "/cases/" + caseId + "/appointment/reschedule",
                                service.as("applicant-x", "APPLICANT"),
                                Map.of())
                        .status())
                .as("another applicant's case")
                .isEqualTo(403);
        assertThat(send("POST", "/cases/" + caseId + "/appointment/reschedule", applicant, Map.of())
                        .status())
                .isEqualTo(202);
        EventEnvelope<?> moved = await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(
                        () -> {
                            schedulingRun.run();
                            return service.kafka()
                                    .awaitPublished(
                                            Topics.SCHEDULING_EVENTS, caseId, "BiometricAppointmentRescheduled");
                        },
                        envelope -> envelope != null);
        var rescheduled = (BiometricAppointmentRescheduled) moved.payload();
        assertThat(rescheduled.reasonCode()).isEqualTo("APPLICANT_REQUEST");
        assertThat(rescheduled.previousStartsAt()).isEqualTo(first);
        assertThat(rescheduled.startsAt().toLocalDate()).isAfter(first.toLocalDate());
        awaitStatus(caseId, applicant, "SCHEDULED");

        var again = send("POST", "/cases/" + caseId + "/appointment/reschedule", applicant, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("rule").asString()).isEqualTo("RESCHEDULE_LIMIT_REACHED");

        try {
            LocalDateTime second = rescheduled.startsAt();
            clock.moveTo(second.minusHours(2));
            var tooEarly = send("POST", "/cases/" + caseId + "/appointment/missed", caseworker, Map.of());
            assertThat(tooEarly.status()).as("two hours before the appointment").isEqualTo(409);
            assertThat(tooEarly.problem().rule()).isEqualTo("APPOINTMENT_NOT_STARTED");

            clock.moveTo(second.plusMinutes(20));
            assertThat(send("POST", "/cases/" + caseId + "/appointment/missed", caseworker, Map.of())
                            .status())
                    .isEqualTo(202);
            EventEnvelope<?> missed =
                    service.kafka().awaitPublished(Topics.SCHEDULING_EVENTS, caseId, "BiometricAppointmentMissed");
            assertThat(((BiometricAppointmentMissed) missed.payload()).next())
                    .isEqualTo(BiometricAppointmentMissed.Next.RESCHEDULED);
            JsonNode rebooked = awaitRebookedAfter(caseId, applicant, second);
            assertThat(rebooked.get("lastChangeReason").asString())
                    .isEqualTo("Nobody came to the appointment; a new one was booked.");
            LocalDateTime third = LocalDateTime.parse(rebooked.get("startsAt").asString());
            assertThat(third.toLocalDate())
                    .as("rebooked after the missed appointment, never into its slot")
                    .isAfter(second.toLocalDate());

            clock.moveTo(third.plusMinutes(20));
            assertThat(send("POST", "/cases/" + caseId + "/appointment/missed", caseworker, Map.of())
                            .status())
                    .isEqualTo(202);
            awaitStatus(caseId, applicant, "FLAGGED_TO_CASEWORKER");
            assertThat(slotsHeldBy(caseId)).as("a flagged case holds no slot").isZero();
        } finally {
            clock.reset();
        }
    }

    @Test
    void aNoShowRecordedTheDayBeforeTheAppointmentIsRefusedAndChangesNothing() {
        CaseId caseId = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-early"));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
        Caller caseworker = service.as("caseworker-1", "CASEWORKER");
        JsonNode scheduled = awaitStatus(caseId, caseworker, "SCHEDULED");
        LocalDateTime startsAt = LocalDateTime.parse(scheduled.get("startsAt").asString());
        long eventsBefore = service.eventStore().countCausedByThisTest();
        try {
            clock.moveTo(startsAt.minusDays(1));
            var refused = send("POST", "/cases/" + caseId + "/appointment/missed", caseworker, Map.of());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.problem().rule()).isEqualTo("APPOINTMENT_NOT_STARTED");
        } finally {
            clock.reset();
        }
        assertThat(service.eventStore().countCausedByThisTest()).isEqualTo(eventsBefore);
        JsonNode after = getAppointment(caseId, caseworker).body();
        assertThat(after.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(after.get("startsAt").asString())
                .isEqualTo(scheduled.get("startsAt").asString());
    }

    @Test
    void casesOfTwoRegionsAreBookedAtDesksOfTheirOwnRegionAndARegistrationWithoutRegionInTheDefault()
            throws IOException {
        Caller operations = service.as("operations-1", "OPERATIONS");
        String suffix = String.valueOf(System.nanoTime() % 1_000_000);
        String faroDesk = "FARO-" + suffix;
        String portoDesk = "PORTO-" + suffix;
        assertThat(operations
                        .put("/desks/{id}/capacity", capacity(10, "FARO"), faroDesk)
                        .status())
                .isEqualTo(202);
        assertThat(operations
                        .put("/desks/{id}/capacity", capacity(10, "PORTO"), portoDesk)
                        .status())
                .isEqualTo(202);
        assertThat(operations.get("/desks/{id}", faroDesk).body().get("region").asString())
                .isEqualTo("FARO");

        CaseId inFaro = CaseId.newId();
        CaseId inPorto = CaseId.newId();
        CaseId fromBefore = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registered(inFaro, "applicant-faro", Region.FARO));
        service.publish(Topics.APPLICATION_EVENTS, registered(inPorto, "applicant-porto", Region.PORTO));
        service.publish(Topics.APPLICATION_EVENTS, registered(fromBefore, "applicant-before"));
        for (CaseId caseId : List.of(inFaro, inPorto, fromBefore)) {
            service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
        }

        JsonNode faro = awaitStatus(inFaro, operations, "SCHEDULED");
        JsonNode porto = awaitStatus(inPorto, operations, "SCHEDULED");
        JsonNode before = awaitStatus(fromBefore, operations, "SCHEDULED");
        assertThat(faro.get("deskId").asString()).isEqualTo(faroDesk);
        assertThat(faro.get("region").asString()).isEqualTo("FARO");
        assertThat(porto.get("deskId").asString()).isEqualTo(portoDesk);
        assertThat(before.get("region").asString())
                .as("a registration published before regions: the documented default")
                .isEqualTo(Region.BEFORE_REGIONS.name());
        assertThat(operations
                        .get("/desks/{id}", before.get("deskId").asString())
                        .body()
                        .get("region")
                        .asString())
                .isEqualTo(Region.BEFORE_REGIONS.name());
        assertThat(jdbc.sql("select region from queue_entry where case_id = :caseId")
                        .param("caseId", fromBefore.value())
                        .query(String.class)
                        .single())
                .isEqualTo("LISBOA");
        assertThat(operations
                        .get("/cases/{id}/queue-position", inFaro)
                        .body()
                        .get("region")
                        .asString())
                .isEqualTo("FARO");
        EventEnvelope<?> deskChange = service
                .kafka()
                .awaitRecords(
                        Topics.SCHEDULING_EVENTS,
                        record -> DeskCapacityChanged.streamOf(faroDesk)
                                .toString()
                                .equals(record.key()),
                        found -> !found.isEmpty())
                .stream()
                .map(record -> codec.decode(record.value()))
                .findFirst()
                .orElseThrow();
        assertThat(((DeskCapacityChanged) deskChange.payload()).region()).isEqualTo(Region.FARO);

        // the backlog benchmark's last check, run here against the real schema
        Map<String, Object> check = jdbc.sql(Files.readString(Path.of("..", "bench", "every-case-in-its-region.sql")))
                .query()
                .singleRow();
        assertThat(((Number) check.get("booked_outside_region")).longValue())
                .as("no case of this test class is booked outside its region")
                .isZero();
        assertThat(((Number) check.get("booked_in_region")).longValue()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aDesksCapacityStoredBeforeRegionsLoadsWithoutARegion() {
        CapacitySet now = new CapacitySet(
                new DeskId("OLD-1"),
                LocalDate.of(2026, 11, 2),
                null,
                Set.of(DayOfWeek.MONDAY),
                10,
                LocalTime.of(9, 0),
                15,
                null,
                Region.FARO);
        SerializedObject<byte[]> stored = eventSerializer.serialize(now, byte[].class);
        String before = new String(stored.getData(), StandardCharsets.UTF_8).replaceAll(",?\"region\":\"FARO\"", "");
        assertThat(before)
                .as("as stored before regions")
                .doesNotContain("region")
                .contains("OLD-1");

        CapacitySet old = eventSerializer.deserialize(
                new SimpleSerializedObject<>(before.getBytes(StandardCharsets.UTF_8), byte[].class, stored.getType()));

        assertThat(old)
                .isEqualTo(new CapacitySet(
                        now.deskId(),
                        now.effectiveFrom(),
                        null,
                        now.openingDays(),
                        10,
                        now.firstSlot(),
                        15,
                        null,
                        null));
    }

    @Test
    void aRegionWithoutADeskLeavesItsCasesWaitingUntilItGetsOne() {
        Caller operations = service.as("operations-1", "OPERATIONS");
        Region empty = regionWithoutDesk(operations);
        CaseId caseId = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-nodesk", empty));
        var completed = service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
        service.inbox().awaitProcessed(completed);
        await().atMost(Duration.ofSeconds(30)).until(() -> "WAITING_FOR_SLOT".equals(status(caseId, operations)));

        schedulingRun.run();
        assertThat(status(caseId, operations)).as("no desk of its region").isEqualTo("WAITING_FOR_SLOT");
        JsonNode region = regionForecast(operations, empty);
        assertThat(region.get("waitingCases").asInt()).isEqualTo(1);
        assertThat(region.get("desks").asInt()).isZero();
        assertThat(region.get("clearedOn").isNull()).isTrue();
        JsonNode position = operations.get("/cases/{id}/queue-position", caseId).body();
        assertThat(position.get("position").asInt())
                .as("alone in its region's queue")
                .isEqualTo(1);
        assertThat(position.get("estimatedDate").isNull()).isTrue();

        String desk = giveDesk(operations, empty);
        assertThat(awaitStatus(caseId, operations, "SCHEDULED").get("deskId").asString())
                .isEqualTo(desk);
        assertThat(regionForecast(operations, empty).get("slotsPerWeek").asInt())
                .as("five slots on each of the five weekdays")
                .isEqualTo(25);
    }

    @Test
    void refusesBadDeskAndCourtOrderInputAndChangesNothing() {
        CaseId caseId = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-8"));
        Caller operations = service.as("operations-1", "OPERATIONS");
        awaitStatus(caseId, operations, "AWAITING_DOCUMENTS");
        long eventsBefore = service.eventStore().countCausedByThisTest();
        long capacityRows = count("desk_capacity");
        long closureRows = count("desk_closure");
        String tomorrow = LocalDate.now(clock).plusDays(1).toString();
        String yesterday = LocalDate.now(clock).minusDays(1).toString();

        var negative = send(
                "PUT",
                "/desks/ZZ-NEW/capacity",
                operations,
                Map.of(
                        "effectiveFrom",
                        tomorrow,
                        "openingDays",
                        List.of("MONDAY"),
                        "slotsPerDay",
                        -1,
                        "firstSlot",
                        "09:00",
                        "slotMinutes",
                        15));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().get("errors").toString()).contains("slotsPerDay");

        var past = send(
                "PUT",
                "/desks/LISBOA-1/capacity",
                operations,
                Map.of(
                        "effectiveFrom",
                        yesterday,
                        "openingDays",
                        List.of("MONDAY"),
                        "slotsPerDay",
                        10,
                        "firstSlot",
                        "09:00",
                        "slotMinutes",
                        15));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body().get("errors").toString()).contains("effectiveFrom");

        var closurePast = send(
                "POST",
                "/desks/LISBOA-1/closures",
                operations,
                Map.of("from", yesterday, "until", tomorrow, "reason", "Strike"));
        assertThat(closurePast.status()).isEqualTo(400);
        assertThat(closurePast.body().get("errors").toString()).contains("from");

        var unknownDesk = send(
                "POST",
                "/desks/ZZ-NOWHERE/closures",
                operations,
                Map.of("from", tomorrow, "until", tomorrow, "reason", "Strike"));
        assertThat(unknownDesk.status()).isEqualTo(404);
        assertThat(unknownDesk.body().get("detail").asString()).isEqualTo("No such desk.");

        var noDeadline =
                send("POST", "/cases/" + caseId + "/court-orders", operations, Map.of("reference", "123/26.0BELSB"));
        assertThat(noDeadline.status()).isEqualTo(400);
        assertThat(noDeadline.body().get("errors").toString()).contains("deadline");

        var pastDeadline = send(
                "POST",
                "/cases/" + caseId + "/court-orders",
                operations,
                Map.of("reference", "123/26.0BELSB", "deadline", yesterday));
        assertThat(pastDeadline.status()).isEqualTo(400);

        var unknownCase = send(
                "POST",
                "/cases/" + UUID.randomUUID() + "/court-orders",
                operations,
                Map.of("reference", "123/26.0BELSB", "deadline", tomorrow));
        assertThat(unknownCase.status()).isEqualTo(404);

        assertThat(send(
                                "PUT",
                                "/desks/ZZ-NEW/capacity",
                                service.as("caseworker-1", "CASEWORKER"),
                                Map.of(
                                        "effectiveFrom",
                                        tomorrow,
                                        "openingDays",
                                        List.of("MONDAY"),
                                        "slotsPerDay",
                                        1,
                                        "firstSlot",
                                        "09:00",
                                        "slotMinutes",
                                        15))
                        .status())
                .as("only operations change desks")
                .isEqualTo(403);

        var unknownRegion = operations.put("/desks/ZZ-NEW/capacity", capacity(5, "ATLANTIDA"));
        assertThat(unknownRegion.status()).isEqualTo(400);
        assertThat(unknownRegion.problem().json().get("errors").toString()).contains("region");
        var noRegion = operations.put(
                "/desks/ZZ-NEW/capacity",
                Map.of(
                        "effectiveFrom",
                        tomorrow,
                        "openingDays",
                        List.of("MONDAY"),
                        "slotsPerDay",
                        5,
                        "firstSlot",
                        "09:00",
                        "slotMinutes",
                        15));
        assertThat(noRegion.status()).as("a new desk names its region").isEqualTo(400);
        assertThat(noRegion.problem().json().get("errors").toString()).contains("region");
        var moved = operations.put("/desks/LISBOA-1/capacity", capacity(40, "PORTO"));
        assertThat(moved.status())
                .as("the configured desk is in LISBOA for good")
                .isEqualTo(409);
        assertThat(moved.problem().rule()).isEqualTo("DESK_REGION_FIXED");

        assertThat(service.eventStore().countCausedByThisTest()).isEqualTo(eventsBefore);
        assertThat(count("desk_capacity")).isEqualTo(capacityRows);
        assertThat(count("desk_closure")).isEqualTo(closureRows);
    }

    @Test
    void aCourtOrderedCaseIsScheduledBeforeItsDeadline() {
        CaseId caseId = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-9", LocalDate.of(2026, 11, 20)));
        Caller operations = service.as("operations-1", "OPERATIONS");
        awaitStatus(caseId, operations, "AWAITING_DOCUMENTS");
        LocalDate deadline = LocalDate.now(clock).plusDays(10);
        var ordered = send(
                "POST",
                "/cases/" + caseId + "/court-orders",
                operations,
                Map.of("reference", "999/26.1BELSB", "deadline", deadline.toString()));
        assertThat(ordered.status()).isEqualTo(202);
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));

        JsonNode scheduled = awaitStatus(caseId, operations, "SCHEDULED");
        assertThat(LocalDateTime.parse(scheduled.get("startsAt").asString()).toLocalDate())
                .isBeforeOrEqualTo(deadline);
        assertThat(scheduled.get("courtDeadline").asString()).isEqualTo(deadline.toString());
        EventEnvelope<?> order =
                service.kafka().awaitPublished(Topics.SCHEDULING_EVENTS, caseId, "CourtOrderRegistered");
        assertThat(order.actor()).isEqualTo(new Actor("operations-1", "OPERATIONS"));
    }

    /**
     * A court-ordered case no desk can take (its region has none) is reported at risk in the flow that last queued it
     * (here the court order's), as a booking would be, not in a flow of the pass's own.
     */
    @Test
    void aDeadlineAtRiskIsReportedInTheFlowThatQueuedTheCase() {
        Caller operations = service.as("operations-1", "OPERATIONS");
        Region empty = regionWithoutDesk(operations);
        CaseId caseId = queuedCase("corr-at-risk-queued", 1, empty);
        commands.send(
                new RegisterCourtOrder(
                        caseId, "1234/26.0BELSB", LocalDate.now(clock).plusDays(20)),
                system("corr-at-risk-order"));

        try {
            schedulingRun.run();

            EventEnvelope<?> atRisk =
                    service.kafka().awaitPublished(Topics.SCHEDULING_EVENTS, caseId, "CourtOrderDeadlineAtRisk");
            assertThat(atRisk.correlationId()).isEqualTo("corr-at-risk-order");
            await().atMost(Duration.ofSeconds(30)).until(() -> "WAITING_FOR_SLOT".equals(status(caseId, operations)));
        } finally {
            // the region gets a desk, so no case of this test is left waiting in another test's region
            giveDesk(operations, empty);
        }
        awaitStatus(caseId, operations, "SCHEDULED");
    }

    /**
     * A pass over the whole backlog decides for more cases than one SQL statement may have parameters (65,535 in
     * PostgreSQL's protocol): reading the flows that queued them is still one statement, and finds every queued one.
     */
    @Test
    void theFlowsThatQueuedCasesAreReadForMoreCasesThanAStatementMayHaveParameters() {
        CaseId queued = queuedCase("corr-many-cases", 1);
        List<CaseId> cases = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            cases.add(i == 35_000 ? queued : CaseId.newId());
        }

        assertThat(scheduleSnapshot.contexts(cases)).singleElement().satisfies(context -> {
            assertThat(context.caseId()).isEqualTo(queued);
            assertThat(context.correlationId()).isEqualTo("corr-many-cases");
        });
    }

    @Test
    void theAppointmentsRebuiltFromHistoryEqualThoseBuiltLive() {
        CaseId caseId = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-10"));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
        awaitStatus(caseId, service.as("applicant-10", "APPLICANT"), "SCHEDULED");
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

    @Test
    void theQueueSlotsAndCalendarsRebuiltFromTheEventStoreEqualThoseBuiltLive() {
        LocalDate today = LocalDate.now(clock);
        CaseId moved = queuedCase("corr-rebuild-moved", 2);
        CaseId courtOrdered = CaseId.newId();
        commands.send(
                new RecordApplication(
                        courtOrdered,
                        "applicant-rebuild",
                        LocalDate.of(2026, 11, 3),
                        Instant.parse("2026-11-03T10:00:00Z"),
                        List.of(MemberId.newId())),
                system("corr-rebuild-court"));
        commands.send(
                new RegisterCourtOrder(courtOrdered, "77/26.REBUILD", today.plusDays(40)),
                system("corr-rebuild-court"));
        commands.send(new RecordChecklistCompleted(courtOrdered), system("corr-rebuild-court"));
        CaseId seen = queuedCase("corr-rebuild-seen", 1);
        schedulingRun.run();
        commands.send(new RequestReschedule(moved), system("corr-rebuild-moved"));
        commands.send(new RecordBiometricsCollected(seen), system("corr-rebuild-seen"));
        schedulingRun.run();
        List<CaseId> cases = List.of(moved, courtOrdered, seen);
        assertThat(queueStates(cases)).containsExactly("BOOKED", "BOOKED", "SEEN");
        assertThat(jdbc.sql("select court_deadline from queue_entry where case_id = :caseId")
                        .param("caseId", courtOrdered.value())
                        .query(LocalDate.class)
                        .single())
                .as("a court order recorded before the case joined the queue orders it")
                .isEqualTo(today.plusDays(40));
        SchedulerTables live = schedulerTables(cases);
        assertThat(live.slots()).hasSize(4);

        schedulerTablesRebuild.rebuild();

        assertThat(schedulerTables(cases)).isEqualTo(live);
    }

    @Test
    void aCaseWhoseBookingFailsIsSkippedAndTheCasesQueuedAfterItAreBooked() {
        CaseId first = queuedCase("corr-isolate", 1);
        CaseId failing = queuedCase("corr-isolate", 1);
        CaseId last = queuedCase("corr-isolate", 1);
        String trigger = "refuse_" + failing.value().toString().replace("-", "");
        jdbc.sql("create function " + trigger + "() returns trigger language plpgsql as $$ begin"
                        + " if new.case_id = '" + failing.value() + "' then raise exception 'planted failure'; end if;"
                        + " return new; end $$")
                .update();
        jdbc.sql("create trigger " + trigger + " before insert on desk_slot for each row execute function " + trigger
                        + "()")
                .update();
        try {
            Outcome outcome = schedulingRun.run();
            assertThat(outcome.skipped()).isGreaterThanOrEqualTo(1);
            assertThat(queueStates(List.of(first, failing, last)))
                    .as("the chunk is recorded case by case: only the failing case waits")
                    .containsExactly("BOOKED", "WAITING", "BOOKED");
        } finally {
            jdbc.sql("drop trigger " + trigger + " on desk_slot").update();
            jdbc.sql("drop function " + trigger + "()").update();
        }
        schedulingRun.run();
        assertThat(queueStates(List.of(failing))).containsExactly("BOOKED");
    }

    @Test
    void aBookingStoredBeforeItsEventCarriedTheSlotsTakesThemOnTheDesksGridLiveAndRebuilt() {
        // a desk that takes nobody (0 slots a day), so no pass books there: only its slot grid matters here
        DeskId desk = new DeskId("LEGACY-" + (System.nanoTime() % 100_000));
        LocalDate day = LocalDate.now(clock).plusDays(300);
        commands.send(
                new SetCapacity(
                        desk,
                        LocalDate.now(clock),
                        null,
                        Set.of(DayOfWeek.MONDAY),
                        0,
                        LocalTime.of(8, 0),
                        20,
                        "legacy grid",
                        Region.LISBOA),
                system("corr-legacy"));
        CaseId caseId = CaseId.newId();
        String aggregate = "BiometricAppointment";
        // events as stored before the booking events carried their slots: no slot metadata
        transaction.executeWithoutResult(status -> eventStore.publish(
                new GenericDomainEventMessage<>(
                        aggregate, caseId.toString(), 0, new CaseQueued(caseId, LocalDate.of(2026, 11, 3), null, 2)),
                new GenericDomainEventMessage<>(
                        aggregate,
                        caseId.toString(),
                        1,
                        new BiometricSlotBooked(caseId, desk.value(), day.atTime(8, 40), 40, null))));

        List<Map<String, Object>> live = jdbc.sql(
                        "select slot_index, member_index, starts_at, duration_minutes from desk_slot where case_id = :caseId"
                                + " order by slot_index")
                .param("caseId", caseId.value())
                .query()
                .listOfRows();
        assertThat(live)
                .extracting(row -> row.get("slot_index"))
                .as("08:40 on a grid of 20 minutes from 08:00: the third slot, one per member")
                .containsExactly(2, 3);
        assertThat(live).extracting(row -> row.get("duration_minutes")).containsExactly(20, 20);

        SchedulerTables before = schedulerTables(List.of(caseId));
        schedulerTablesRebuild.rebuild();
        assertThat(schedulerTables(List.of(caseId))).isEqualTo(before);
    }

    @Test
    void answersWhereTheAppointmentStoodAtAPastInstant() {
        CaseId caseId = CaseId.newId();
        Caller applicant = service.as("applicant-asof", "APPLICANT");
        Instant beforeRegistration = Instant.now();
        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-asof"));
        JsonNode awaiting = awaitStatus(caseId, applicant, "AWAITING_DOCUMENTS");
        Instant beforeCompletion = Instant.now();
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
        JsonNode scheduled = awaitStatus(caseId, applicant, "SCHEDULED");
        Instant beforeBiometrics = Instant.now();
        assertThat(collectBiometrics(service.as("caseworker-asof", "CASEWORKER"), caseId.toString())
                        .status())
                .isEqualTo(202);
        JsonNode collected = awaitStatus(caseId, applicant, "BIOMETRICS_COLLECTED");

        Response then = applicant.get("/cases/{id}/appointment?asOf={at}", caseId, beforeCompletion);
        assertThat(then.status()).isEqualTo(200);
        assertThat(then.body()).as("before the checklist was complete").isEqualTo(awaiting);
        assertThat(applicant
                        .get("/cases/{id}/appointment?asOf={at}", caseId, beforeBiometrics)
                        .body())
                .as("scheduled, biometrics not yet collected")
                .isEqualTo(scheduled);
        assertThat(service.as("auditor-asof", "AUDITOR")
                        .get("/cases/{id}/appointment?asOf={at}", caseId, Instant.now())
                        .body())
                .isEqualTo(collected);
        assertThat(getAppointment(caseId, applicant).body())
                .as("the live read model, untouched")
                .isEqualTo(collected);

        assertThat(applicant
                        .get("/cases/{id}/appointment?asOf={at}", caseId, beforeRegistration)
                        .status())
                .as("not heard of yet")
                .isEqualTo(404);
        assertThat(service.as("applicant-other", "APPLICANT")
                        .get("/cases/{id}/appointment?asOf={at}", caseId, beforeBiometrics)
                        .status())
                .as("another applicant's case")
                .isEqualTo(403);
        assertThat(service.as("auditor-asof", "AUDITOR")
                        .get("/cases/{id}/appointment?asOf={at}", CaseId.newId(), beforeBiometrics)
                        .status())
                .as("an unknown case")
                .isEqualTo(404);
        for (Object bad : List.of("tomorrow", "2026-05-01T10:00", Instant.now().plusSeconds(600))) {
            Response refused = applicant.get("/cases/{id}/appointment?asOf={at}", caseId, bad);
            assertThat(refused.status()).as("%s", bad).isEqualTo(400);
            assertThat(refused.body().get("errors").get(0).get("field").asString())
                    .as("%s", bad)
                    .isEqualTo("asOf");
        }
    }

    @Test
    void theOutcomeChecksumFollowsTheSlotAssignments() {
        Caller auditor = service.as("auditor-outcome", "AUDITOR");
        assertThat(service.as("operations-outcome", "OPERATIONS")
                        .get("/audit/outcome-checksum")
                        .status())
                .isEqualTo(403);
        JsonNode before = auditor.get("/audit/outcome-checksum").body();
        assertThat(before.get("service").asString()).isEqualTo("scheduling-service");
        List<String> parts = new ArrayList<>();
        before.get("parts").forEach(part -> parts.add(part.get("name").asString()));
        assertThat(parts).containsExactly("appointments", "desk-capacity", "desk-closures", "desk-slots", "queue");

        CaseId caseId = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registered(caseId, "applicant-outcome"));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
        awaitStatus(caseId, service.as("applicant-outcome", "APPLICANT"), "SCHEDULED");

        JsonNode after = auditor.get("/audit/outcome-checksum").body();
        assertThat(after.get("parts").get(3).get("rows").asLong())
                .as("the household's two slots (and any other case the pass booked)")
                .isGreaterThanOrEqualTo(before.get("parts").get(3).get("rows").asLong() + 2);
        assertThat(after.get("checksum").asString())
                .isNotEqualTo(before.get("checksum").asString());
    }

    /** A case registered and complete, in the queue, with one slot per member. */
    private CaseId queuedCase(String correlationId, int members) {
        return queuedCase(correlationId, members, null);
    }

    /** The same in a region ({@code null}: registered before regions existed). */
    private CaseId queuedCase(String correlationId, int members, Region region) {
        CaseId caseId = CaseId.newId();
        commands.send(
                new RecordApplication(
                        caseId,
                        "applicant-" + correlationId,
                        LocalDate.of(2026, 11, 3),
                        Instant.now(clock),
                        java.util.stream.IntStream.range(0, members)
                                .mapToObj(m -> MemberId.newId())
                                .toList(),
                        region),
                system(correlationId));
        commands.send(new RecordChecklistCompleted(caseId), system(correlationId));
        return caseId;
    }

    private List<String> queueStates(List<CaseId> cases) {
        return cases.stream()
                .map(caseId -> jdbc.sql("select state from queue_entry where case_id = :caseId")
                        .param("caseId", caseId.value())
                        .query(String.class)
                        .single())
                .toList();
    }

    /** The cases' queue entries and slots, and every desk's calendar (without the generated ids). */
    record SchedulerTables(
            List<Map<String, Object>> queue,
            List<Map<String, Object>> slots,
            List<Map<String, Object>> capacity,
            List<Map<String, Object>> closures) {}

    private SchedulerTables schedulerTables(List<CaseId> cases) {
        List<UUID> ids = cases.stream().map(CaseId::value).toList();
        return new SchedulerTables(
                jdbc.sql("select * from queue_entry where case_id in (:ids) order by case_id")
                        .param("ids", ids)
                        .query()
                        .listOfRows(),
                jdbc.sql("select * from desk_slot where case_id in (:ids) order by desk_id, day, slot_index")
                        .param("ids", ids)
                        .query()
                        .listOfRows(),
                jdbc.sql(
                                """
                                select desk_id, effective_from, effective_until, opening_days, slots_per_day, first_slot,
                                       slot_minutes
                                from desk_capacity order by desk_id, id
                                """)
                        .query()
                        .listOfRows(),
                jdbc.sql("select desk_id, closed_from, closed_until, reason from desk_closure order by desk_id, id")
                        .query()
                        .listOfRows());
    }

    /** A region none of this database's desks serves yet (each test that takes one gives it a desk at its end). */
    private static Region regionWithoutDesk(Caller operations) {
        Set<String> served = new HashSet<>();
        operations
                .get("/desks")
                .body()
                .forEach(desk -> served.add(desk.get("region").asString()));
        return java.util.Arrays.stream(Region.values())
                .filter(region -> !served.contains(region.name()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("every region has a desk in this database"));
    }

    /** Opens a desk of five slots a weekday in the region; returns its id. */
    private String giveDesk(Caller operations, Region region) {
        String desk = region.name().replace('_', '-') + "-" + (System.nanoTime() % 1_000_000);
        assertThat(operations
                        .put("/desks/{id}/capacity", capacity(5, region.name()), desk)
                        .status())
                .isEqualTo(202);
        return desk;
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private String status(CaseId caseId, Caller caller) {
        JsonNode body = getAppointment(caseId, caller).body();
        return body == null || !body.has("status") ? null : body.get("status").asString();
    }

    private static JsonNode getJson(String path, Caller caller) {
        return caller.get(path).body();
    }

    private static Response send(String method, String path, Caller caller, Object body) {
        return switch (method) {
            case "POST" -> caller.post(path, body);
            case "PUT" -> caller.put(path, body);
            default -> throw new IllegalArgumentException(method);
        };
    }

    private ActingContext system(String correlationId) {
        return new ActingContext(Actor.system("scheduling-service-it"), correlationId, correlationId);
    }

    private long slotsHeldBy(CaseId caseId) {
        return jdbc.sql("select count(*) from desk_slot where case_id = :caseId")
                .param("caseId", caseId.value())
                .query(Long.class)
                .single();
    }

    private List<Map<String, Object>> appointments() {
        return jdbc.sql("select * from appointment order by case_id").query().listOfRows();
    }

    private List<String> historyTypes(CaseId caseId) {
        JsonNode history = service.as("auditor-1", "AUDITOR")
                .get("/audit/cases/{id}/events", caseId)
                .body();
        List<String> types = new ArrayList<>();
        history.forEach(entry -> types.add(entry.get("type").asString()));
        return types;
    }

    private static Response collectBiometrics(Caller caller, String caseId) {
        return caller.post("/cases/{id}/biometrics", null, caseId);
    }

    private static Response getAppointment(CaseId caseId, Caller caller) {
        return caller.get("/cases/{id}/appointment", caseId);
    }

    private JsonNode awaitStatus(CaseId caseId, Caller caller, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            if ("SCHEDULED".equals(status)) {
                                schedulingRun.run();
                            }
                            return getAppointment(caseId, caller).body();
                        },
                        body -> body != null
                                && body.has("status")
                                && status.equals(body.get("status").asString()));
    }

    /** Until the case has a new appointment after {@code missed}: a pass runs before each look. */
    private JsonNode awaitRebookedAfter(CaseId caseId, Caller caller, LocalDateTime missed) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            schedulingRun.run();
                            return getAppointment(caseId, caller).body();
                        },
                        body -> body != null
                                && "SCHEDULED".equals(body.path("status").asString())
                                && LocalDateTime.parse(body.get("startsAt").asString())
                                        .isAfter(missed));
    }

    /** A capacity request from today on, every weekday, for a desk of {@code region}. */
    private Map<String, Object> capacity(int slotsPerDay, String region) {
        return Map.of(
                "effectiveFrom",
                LocalDate.now(clock).toString(),
                "openingDays",
                List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                "slotsPerDay",
                slotsPerDay,
                "firstSlot",
                "09:00",
                "slotMinutes",
                15,
                "region",
                region);
    }

    private static JsonNode regionForecast(Caller operations, Region region) {
        for (JsonNode entry : operations.get("/scheduling/forecast").body().get("regions")) {
            if (region.name().equals(entry.get("region").asString())) {
                return entry;
            }
        }
        throw new AssertionError("no forecast for " + region);
    }

    private static ApplicationRegistered registered(CaseId caseId, String applicantId, Region region) {
        return new ApplicationRegistered(
                caseId,
                applicantId,
                LocalDate.of(2026, 11, 2),
                List.of(new HouseholdMember(MemberId.newId(), Relationship.SPOUSE, LocalDate.of(1990, 5, 1), true)),
                "pt",
                null,
                region);
    }

    private static ApplicationRegistered registered(CaseId caseId, String applicantId) {
        return registered(caseId, applicantId, LocalDate.of(2026, 11, 2));
    }

    private static ApplicationRegistered registered(CaseId caseId, String applicantId, LocalDate submittedOn) {
        return new ApplicationRegistered(
                caseId,
                applicantId,
                submittedOn,
                List.of(
                        new HouseholdMember(MemberId.newId(), Relationship.SPOUSE, LocalDate.of(1990, 5, 1), true),
                        new HouseholdMember(
                                MemberId.newId(), Relationship.MINOR_CHILD, LocalDate.of(2016, 3, 1), true)),
                "pt");
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
