package pt.aima.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.infra.DevTokenIssuer;
import pt.aima.infra.DevTokenIssuer.TokenSpec;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.AddressTitle;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.application.DecisionDeadlineExtended;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.HouseholdDeclared;
import pt.aima.kernel.application.MemberStayUpdated;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.ResidencePeriod;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.scheduling.BiometricAppointmentRescheduled;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;

/**
 * application-service against a real PostgreSQL and a real Kafka broker: registration over REST publishes
 * ApplicationRegistered; facts from document- and scheduling-service arrive over Kafka; the decision is refused until
 * they are in, then issued and published. Tokens, REST calls, Kafka and the event-store probes are the platform's
 * {@link ServiceHarness}: every request of a test carries the test's own correlation id, so "nothing stored" is asked
 * of this test's requests alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationServiceIT {

    private static final IntegrationEventCodec codec = IntegrationEventCodec.platform();

    /** A registration of one minor child present in Portugal, as it was before regions: now refused. */
    static final String WITHOUT_REGION =
            """
            {"sponsor": {"fullName": "Ana Sponsor", "residencePermitNumber": "AR-123456"},
             "members": [{"fullName": "Rui Child", "relationship": "MINOR_CHILD",
                          "dateOfBirth": "2015-03-01", "nationality": "BRA", "presentInPortugal": true}],
             "contact": {"email": "ana@example.org", "preferredLanguage": "pt"}}
            """;

    /** A valid registration: the same household, living in Porto. */
    static final String REGISTRATION = registrationIn("PORTO");

    /** The registration of one minor child whose household lives in {@code region} (any text, to test the check). */
    static String registrationIn(String region) {
        return "{\"region\": \"" + region + "\", " + WITHOUT_REGION.strip().substring(1);
    }

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "application_service_it");
    }

    @Test
    void carriesACaseFromRegistrationToDecision() {
        Caller applicant = service.as("applicant-1", "APPLICANT").withCorrelationId("corr-happy-path");
        Response registered = applicant.post("/applications", REGISTRATION);
        assertThat(registered.status()).isEqualTo(201);
        CaseId caseId = caseIdOf(registered);

        EventEnvelope<?> published =
                service.kafka().awaitPublished(Topics.APPLICATION_EVENTS, caseId, "ApplicationRegistered");
        assertThat(published.actor()).isEqualTo(new Actor("applicant-1", "APPLICANT"));
        assertThat(published.correlationId()).isEqualTo("corr-happy-path");
        var payload = (ApplicationRegisteredV2) published.payload();
        assertThat(payload.applicantId()).isEqualTo("applicant-1");
        assertThat(payload.region()).isEqualTo(Region.PORTO);
        assertThat(payload.provenance())
                .as("registered through the portal, not imported")
                .isNull();
        assertThat(payload.household()).singleElement().satisfies(member -> assertThat(member.presentInPortugal())
                .isTrue());
        assertThat(new String(codec.encode(published), StandardCharsets.UTF_8))
                .as("personal data stays in application-service; every reader of the topic gets no household facts")
                .doesNotContain(
                        "Ana Sponsor", "ana@example.org", "AR-123456", "Rui Child", "2015-03-01", "BRA", "dateOfBirth");
        EventEnvelope<?> household =
                service.kafka().awaitPublished(Topics.HOUSEHOLD_FACTS, caseId, "HouseholdDeclared");
        assertThat(((HouseholdDeclared) household.payload()).household())
                .as("the document rules' facts travel on the restricted household topic")
                .singleElement()
                .satisfies(member -> assertThat(member.dateOfBirth()).isEqualTo(LocalDate.of(2015, 3, 1)));
        assertThat(new String(codec.encode(household), StandardCharsets.UTF_8))
                .doesNotContain("Ana Sponsor", "ana@example.org", "AR-123456", "Rui Child");
        EventEnvelope<?> contact =
                service.kafka().awaitPublished(Topics.APPLICANT_CONTACTS, caseId, "ApplicantContactRegistered");
        assertThat((ApplicantContactRegistered) contact.payload())
                .as("the contact travels alone, on the restricted topic")
                .isEqualTo(new ApplicantContactRegistered(caseId, "applicant-1", "ana@example.org", null, "pt"));
        assertThat(new String(codec.encode(contact), StandardCharsets.UTF_8))
                .doesNotContain("Ana Sponsor", "AR-123456");

        assertThat(awaitStage(caseId, applicant, "REGISTERED").get("region").asString())
                .isEqualTo("PORTO");

        Caller caseworker = service.as("caseworker-1", "CASEWORKER").withCorrelationId("corr-happy-path");
        Response early = decide(caseworker, caseId, "GRANTED");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.problem().rule()).isEqualTo("DECISION_PREREQUISITES_MISSING");

        IntegrationEventsClient kafka = service.kafka();
        kafka.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistOpened(caseId, List.of()), "corr-happy-path");
        kafka.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId), "corr-happy-path");
        kafka.publish(
                Topics.SCHEDULING_EVENTS,
                new BiometricSlotAssigned(caseId, "LISBOA-1", LocalDateTime.of(2026, 12, 1, 9, 0), 15),
                "corr-happy-path");
        kafka.publish(Topics.SCHEDULING_EVENTS, new BiometricsCollected(caseId, "LISBOA-1"), "corr-happy-path");
        JsonNode status = awaitStage(caseId, applicant, "BIOMETRICS_COLLECTED");
        assertThat(status.get("biometricAppointment").get("deskId").asString()).isEqualTo("LISBOA-1");

        Response decided = decide(caseworker, caseId, "GRANTED");
        assertThat(decided.status()).isEqualTo(202);
        EventEnvelope<?> decision = kafka.awaitPublished(Topics.APPLICATION_EVENTS, caseId, "DecisionIssued");
        assertThat(((DecisionIssued) decision.payload()).outcome()).isEqualTo(DecisionIssued.Outcome.GRANTED);
        assertThat(decision.actor()).isEqualTo(new Actor("caseworker-1", "CASEWORKER"));
        awaitStage(caseId, applicant, "DECIDED");

        assertThat(decide(caseworker, caseId, "GRANTED").status()).isEqualTo(409);
    }

    @Test
    void aRedeliveredRecordIsAppliedOnce() {
        Caller applicant = service.as("applicant-2", "APPLICANT");
        CaseId caseId = caseIdOf(applicant.post("/applications", REGISTRATION));
        var slot = EventEnvelope.wrap(
                UUID.randomUUID(),
                Instant.now(),
                Actor.system("scheduling-service"),
                "corr-redelivery",
                "cause",
                new BiometricSlotAssigned(caseId, "PORTO-2", LocalDateTime.of(2026, 12, 2, 10, 0), 15));
        service.kafka().send(Topics.SCHEDULING_EVENTS, slot);
        RecordMetadata copy = service.kafka().send(Topics.SCHEDULING_EVENTS, slot);
        // Both copies are on the case's partition: once the second is consumed, so is the first.
        service.awaitConsumed(copy);
        awaitStage(caseId, applicant, "BIOMETRICS_SCHEDULED");

        assertThat(service.eventStore().types(caseId)).containsExactly("ApplicationSubmitted", "BiometricSlotRecorded");
        JsonNode history = service.as("auditor-1", "AUDITOR")
                .get("/audit/cases/{id}/events", caseId)
                .body();
        List<String> types = new ArrayList<>();
        history.forEach(entry -> types.add(entry.get("type").asString()));
        assertThat(types).containsExactly("ApplicationSubmitted", "BiometricSlotRecorded");
        assertThat(history.get(1).get("causationId").asString())
                .isEqualTo(slot.eventId().toString());
        assertThat(history.get(1).get("correlationId").asString()).isEqualTo("corr-redelivery");
    }

    @Test
    void showsTheAppointmentAsRescheduled() {
        Caller applicant = service.as("applicant-7", "APPLICANT");
        CaseId caseId = caseIdOf(applicant.post("/applications", REGISTRATION));
        LocalDateTime first = LocalDateTime.of(2026, 12, 3, 9, 0);
        LocalDateTime moved = LocalDateTime.of(2026, 12, 10, 11, 30);
        service.publish(Topics.SCHEDULING_EVENTS, new BiometricSlotAssigned(caseId, "LISBOA-1", first, 15));
        awaitStage(caseId, applicant, "BIOMETRICS_SCHEDULED");

        service.publish(
                Topics.SCHEDULING_EVENTS,
                new BiometricAppointmentRescheduled(
                        caseId, "PORTO-1", "LISBOA-1", first, moved, 15, "DESK_CLOSED", "Desk closed for works."));

        JsonNode appointment = await().atMost(ServiceHarness.PATIENCE)
                .until(
                        () -> applicant.get("/applications/{id}", caseId).body().get("biometricAppointment"),
                        shown -> "PORTO-1".equals(shown.get("deskId").asString()));
        assertThat(LocalDateTime.parse(appointment.get("startsAt").asString())).isEqualTo(moved);
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheConsumerMovesOn() {
        Caller applicant = service.as("applicant-3", "APPLICANT");
        CaseId caseId = caseIdOf(applicant.post("/applications", REGISTRATION));
        service.kafka()
                .sendRaw(new ProducerRecord<>(
                        Topics.DOCUMENT_EVENTS,
                        caseId.toString(),
                        "{not an envelope".getBytes(StandardCharsets.UTF_8)));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));

        awaitStage(caseId, applicant, "DOCUMENTS_COMPLETE");
        ConsumerRecord<String, byte[]> dead = service.kafka()
                .awaitRecord(
                        Topics.deadLetterTopic(Topics.DOCUMENT_EVENTS, "application-service"),
                        record -> caseId.toString().equals(record.key()));
        assertThat(IntegrationEventsClient.header(dead, "aima-dlt-reason"))
                .startsWith("MalformedEventException: not JSON");
    }

    @Test
    void refusesBadInputAndChangesNothing() {
        Caller applicant = service.as("applicant-4", "APPLICANT");

        Response invalid = applicant.post(
                "/applications",
                """
                {"sponsor": {"fullName": ""},
                 "members": [{"fullName": "X", "relationship": "MINOR_CHILD", "dateOfBirth": "2999-01-01",
                              "nationality": "Brazil", "presentInPortugal": true}],
                 "contact": {"email": "not-an-email", "preferredLanguage": "fr"}}
                """);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(fieldsOf(invalid))
                .contains(
                        "sponsor.fullName",
                        "sponsor.residencePermitNumber",
                        "members[0].dateOfBirth",
                        "members[0].nationality",
                        "contact.email",
                        "contact.preferredLanguage");

        Response unreadable = applicant.post("/applications", "{\"members\": [{\"relationship\": \"COUSIN\"}]}");
        assertThat(unreadable.status()).isEqualTo(400);

        assertThat(applicant.get("/applications/{id}", UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(service.anonymous()
                        .get("/applications/{id}", UUID.randomUUID())
                        .status())
                .isEqualTo(401);
        assertThat(service.as("auditor-1", "AUDITOR")
                        .post("/applications", REGISTRATION)
                        .status())
                .isEqualTo(403);

        assertThat(service.eventStore().countCausedByThisTest()).isZero();
    }

    @Test
    void refusesARegistrationWithoutARegionOrWithOneOffThePublishedListAndStoresNothing() {
        Caller applicant = service.as("applicant-9", "APPLICANT");

        Response missing = applicant.post("/applications", WITHOUT_REGION);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fieldsOf(missing)).containsExactly("region");

        for (String unknown : List.of("ATLANTIS", "lisboa", "LISBOA-1", "")) {
            Response refused = applicant.post("/applications", registrationIn(unknown));
            assertThat(refused.status()).as(unknown).isEqualTo(400);
            assertThat(fieldsOf(refused)).as(unknown).containsExactly("region");
            assertThat(refused.problem()
                            .json()
                            .get("errors")
                            .get(0)
                            .get("message")
                            .asString())
                    .as("the message names the published list")
                    .contains("LISBOA", "PORTO", "FARO", "ACORES", "MADEIRA");
        }

        assertThat(service.eventStore().countCausedByThisTest()).isZero();
    }

    @Test
    void publishesTheHouseholdFactsTheDocumentRulesNeed() {
        Response response = service.as("applicant-6", "APPLICANT")
                .post(
                        "/applications",
                        """
                {"sponsor": {"fullName": "Ana Sponsor", "residencePermitNumber": "AR-123456"},
                 "members": [{"fullName": "Rui Child", "relationship": "MINOR_CHILD", "dateOfBirth": "2015-03-01",
                              "nationality": "BRA", "presentInPortugal": true, "presentInPortugalSince": "2023-05-01",
                              "residenceHistory": [{"country": "BRA", "from": "2015-03-01", "to": "2023-04-30"},
                                                   {"country": "PRT", "from": "2023-05-01"}],
                              "otherParentResidesInPortugal": false}],
                 "contact": {"email": "ana@example.org", "preferredLanguage": "pt"},
                 "addressTitle": "TENANT", "region": "MADEIRA"}
                """);
        assertThat(response.status()).isEqualTo(201);
        CaseId caseId = caseIdOf(response);

        var registered = (ApplicationRegisteredV2) service.kafka()
                .awaitPublished(Topics.APPLICATION_EVENTS, caseId, "ApplicationRegistered")
                .payload();
        assertThat(registered.addressTitle()).isEqualTo(AddressTitle.TENANT);
        assertThat(registered.region()).isEqualTo(Region.MADEIRA);
        var payload = (HouseholdDeclared) service.kafka()
                .awaitPublished(Topics.HOUSEHOLD_FACTS, caseId, "HouseholdDeclared")
                .payload();
        assertThat(payload.addressTitle()).isEqualTo(AddressTitle.TENANT);
        assertThat(payload.household()).singleElement().satisfies(member -> {
            assertThat(member.nationality()).isEqualTo("BRA");
            assertThat(member.presentInPortugalSince()).isEqualTo(LocalDate.of(2023, 5, 1));
            assertThat(member.residenceHistory())
                    .containsExactly(
                            new ResidencePeriod("BRA", LocalDate.of(2015, 3, 1), LocalDate.of(2023, 4, 30)),
                            new ResidencePeriod("PRT", LocalDate.of(2023, 5, 1), null));
            assertThat(member.otherParentResidesInPortugal()).isFalse();
        });
    }

    @Test
    void refusesAnIneligibleRegistrationWithTheRuleInTheApplicantsLanguageAndStoresNothing() {
        Caller applicant = service.as("applicant-7", "APPLICANT");
        String valid =
                """
                {"sponsor": {"fullName": "Ana Sponsor", "residencePermitNumber": "AR-123456"},
                 "members": [%s],
                 "contact": {"email": "ana@example.org", "preferredLanguage": "pt"}, "region": "LISBOA"}
                """;

        Response cousin = applicant.post(
                "/applications",
                valid.formatted(
                        """
                {"fullName": "C", "relationship": "COUSIN", "dateOfBirth": "1990-01-01", "nationality": "BRA",
                 "presentInPortugal": false}"""));
        assertThat(cousin.status()).isEqualTo(422);
        assertThat(cousin.problem().rule()).isEqualTo("RELATIONSHIP_NOT_ELIGIBLE");
        assertThat(cousin.body().get("member").asInt()).isZero();
        assertThat(cousin.body().get("title").asString()).isEqualTo("Não elegível para reagrupamento familiar");
        assertThat(cousin.problem().detail())
                .startsWith("A relação familiar indicada para o 1.º membro não permite o reagrupamento familiar")
                .doesNotContain("COUSIN", "eligible");

        Response cousinInEnglish = applicant.post(
                "/applications",
                valid.replace("\"preferredLanguage\": \"pt\"", "\"preferredLanguage\": \"en\"")
                        .formatted(
                                """
                {"fullName": "C", "relationship": "COUSIN", "dateOfBirth": "1990-01-01", "nationality": "BRA",
                 "presentInPortugal": false}"""));
        assertThat(cousinInEnglish.status()).isEqualTo(422);
        assertThat(cousinInEnglish.problem().rule()).isEqualTo("RELATIONSHIP_NOT_ELIGIBLE");
        assertThat(cousinInEnglish.body().get("title").asString()).isEqualTo("Not eligible for family reunification");
        assertThat(cousinInEnglish.problem().detail())
                .startsWith("The family relationship given for member 1 does not allow family reunification");

        Response adultAsMinor = applicant.post(
                "/applications",
                valid.formatted(
                        """
                {"fullName": "S", "relationship": "SPOUSE", "dateOfBirth": "1990-01-01", "nationality": "BRA",
                 "presentInPortugal": false},
                {"fullName": "A", "relationship": "MINOR_CHILD", "dateOfBirth": "2000-01-01", "nationality": "BRA",
                 "presentInPortugal": false}"""));
        assertThat(adultAsMinor.status()).isEqualTo(422);
        assertThat(adultAsMinor.problem().rule()).isEqualTo("NOT_A_MINOR");
        assertThat(adultAsMinor.body().get("member").asInt()).isEqualTo(1);
        assertThat(adultAsMinor.body().get("detail").asString())
                .startsWith("O 2.º membro tem 18 anos ou mais na data do pedido");

        Response minorAbroad = applicant.post(
                "/applications",
                valid.formatted(
                        """
                {"fullName": "R", "relationship": "MINOR_CHILD", "dateOfBirth": "2016-05-20", "nationality": "BRA",
                 "presentInPortugal": true, "residenceHistory": [{"country": "BRA", "from": "2016-05-20"}]}"""));
        assertThat(minorAbroad.status()).isEqualTo(422);
        assertThat(minorAbroad.problem().rule()).isEqualTo("MINOR_NOT_PRESENT_ON_SUBMISSION");

        Response inconsistent = applicant.post(
                "/applications",
                valid.formatted(
                        """
                {"fullName": "R", "relationship": "MINOR_CHILD", "dateOfBirth": "2016-05-20", "nationality": "BRA",
                 "presentInPortugal": false, "presentInPortugalSince": "2020-01-01",
                 "residenceHistory": [{"country": "brazil", "from": "2016-05-20", "to": "2010-01-01"}]}"""));
        assertThat(inconsistent.status()).isEqualTo(400);
        assertThat(fieldsOf(inconsistent))
                .contains(
                        "members[0].presentInPortugalSinceConsistent",
                        "members[0].residenceHistory[0].country",
                        "members[0].residenceHistory[0].ordered");

        assertThat(service.eventStore().countCausedByThisTest()).isZero();
    }

    @Test
    void anApplicantSeesOnlyTheirOwnCase() {
        Caller owner = service.as("applicant-5", "APPLICANT");
        CaseId caseId = caseIdOf(owner.post("/applications", REGISTRATION));
        awaitStage(caseId, owner, "REGISTERED");

        assertThat(service.as("applicant-6", "APPLICANT")
                        .get("/applications/{id}", caseId)
                        .status())
                .isEqualTo(403);
        assertThat(service.as("caseworker-2", "CASEWORKER")
                        .get("/applications/{id}", caseId)
                        .status())
                .isEqualTo(200);
        assertThat(decide(owner, caseId, "GRANTED").status()).isEqualTo(403);
    }

    @Test
    void theCaseStatusRebuiltFromHistoryEqualsTheOneBuiltLive() {
        Caller applicant = service.as("applicant-8", "APPLICANT");
        CaseId scheduled = caseIdOf(applicant.post("/applications", REGISTRATION));
        CaseId decided = caseIdOf(applicant.post("/applications", REGISTRATION));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistOpened(scheduled, List.of()));
        service.publish(
                Topics.SCHEDULING_EVENTS,
                new BiometricSlotAssigned(scheduled, "FARO-1", LocalDateTime.of(2026, 12, 4, 14, 0), 15));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(decided));
        service.publish(Topics.SCHEDULING_EVENTS, new BiometricsCollected(decided, "FARO-1"));
        awaitStage(scheduled, applicant, "BIOMETRICS_SCHEDULED");
        awaitStage(decided, applicant, "BIOMETRICS_COLLECTED");
        assertThat(decide(service.as("caseworker-3", "CASEWORKER"), decided, "GRANTED")
                        .status())
                .isEqualTo(202);
        awaitStage(decided, applicant, "DECIDED");
        List<Map<String, Object>> live = caseStatusRows(scheduled, decided);
        assertThat(live).hasSize(2);

        PooledStreamingEventProcessor processor = service.spring()
                .getBean(EventProcessingConfiguration.class)
                .eventProcessor("case-status", PooledStreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await("case_status rebuilt from the event store")
                .atMost(ServiceHarness.PATIENCE)
                .until(() -> caseStatusRows(scheduled, decided), live::equals);
    }

    @Test
    void aCaseworkerExtendsTheDecisionDeadlineOnceAndTheFactIsPublished() {
        Caller applicant = service.as("applicant-13", "APPLICANT");
        Response registered = applicant.post("/applications", REGISTRATION);
        CaseId caseId = caseIdOf(registered);
        LocalDate submittedOn =
                LocalDate.parse(registered.body().get("submittedOn").asString());
        // (policy) registered after Lei 61/2025 took effect (23 October 2025): nine months, nine more if extended
        JsonNode before = awaitStage(caseId, applicant, "REGISTERED");
        assertThat(LocalDate.parse(before.get("decisionDeadline").asString())).isEqualTo(submittedOn.plusMonths(9));
        assertThat(before.get("deadlineExtended").asBoolean()).isFalse();

        String reason = "The marriage was celebrated abroad and must be confirmed by the consulate.";
        assertThat(applicant
                        .post("/applications/{id}/deadline-extension", Map.of("reason", reason), caseId)
                        .status())
                .as("only a caseworker extends")
                .isEqualTo(403);
        Caller caseworker = service.as("caseworker-13", "CASEWORKER").withCorrelationId("corr-extension");
        Response blank = caseworker.post("/applications/{id}/deadline-extension", Map.of("reason", " "), caseId);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(fieldsOf(blank)).containsExactly("reason");
        Response unknownField =
                caseworker.post("/applications/{id}/deadline-extension", Map.of("reason", reason, "months", 6), caseId);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(fieldsOf(unknownField)).containsExactly("months");
        assertThat(caseworker
                        .post("/applications/{id}/deadline-extension", Map.of("reason", reason), UUID.randomUUID())
                        .status())
                .as("an unknown case")
                .isEqualTo(404);

        Response extended = caseworker.post("/applications/{id}/deadline-extension", Map.of("reason", reason), caseId);
        assertThat(extended.status()).isEqualTo(202);
        LocalDate decideBy = submittedOn.plusMonths(18);
        assertThat(LocalDate.parse(extended.body().get("decideBy").asString())).isEqualTo(decideBy);
        EventEnvelope<?> published =
                service.kafka().awaitPublished(Topics.APPLICATION_EVENTS, caseId, "DecisionDeadlineExtended");
        assertThat(published.payload()).isEqualTo(new DecisionDeadlineExtended(caseId, reason, decideBy));
        assertThat(published.actor()).isEqualTo(new Actor("caseworker-13", "CASEWORKER"));
        assertThat(published.correlationId()).isEqualTo("corr-extension");
        JsonNode after = await().atMost(ServiceHarness.PATIENCE)
                .until(() -> applicant.get("/applications/{id}", caseId).body(), body -> body.get("deadlineExtended")
                        .asBoolean());
        assertThat(LocalDate.parse(after.get("decisionDeadline").asString())).isEqualTo(decideBy);

        Response again =
                caseworker.post("/applications/{id}/deadline-extension", Map.of("reason", "Still complex."), caseId);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problem().rule()).isEqualTo("DEADLINE_ALREADY_EXTENDED");
        assertThat(again.problem().detail()).contains(decideBy.toString());
        assertThat(service.eventStore().types(caseId)).containsExactly("ApplicationSubmitted", "DeadlineExtended");
    }

    @Test
    void aDecidedCasesDeadlineCannotBeExtended() {
        Caller applicant = service.as("applicant-14", "APPLICANT");
        CaseId caseId = caseIdOf(applicant.post("/applications", REGISTRATION));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
        service.publish(Topics.SCHEDULING_EVENTS, new BiometricsCollected(caseId, "PORTO-1"));
        awaitStage(caseId, applicant, "BIOMETRICS_COLLECTED");
        Caller caseworker = service.as("caseworker-14", "CASEWORKER");
        assertThat(decide(caseworker, caseId, "GRANTED").status()).isEqualTo(202);

        Response late = caseworker.post(
                "/applications/{id}/deadline-extension", Map.of("reason", "Needs more checks."), caseId);

        assertThat(late.status()).isEqualTo(409);
        assertThat(late.problem().rule()).isEqualTo("DEADLINE_EXTENSION_AFTER_DECISION");
        assertThat(service.eventStore().types(caseId)).doesNotContain("DeadlineExtended");
    }

    @Test
    void aMembersStayIsRegisteredPublishedAndUpdatedByStaff() {
        Caller applicant = service.as("applicant-15", "APPLICANT");
        Response registered = applicant.post(
                "/applications",
                """
                {"sponsor": {"fullName": "Ana Sponsor", "residencePermitNumber": "AR-123456"},
                 "members": [{"fullName": "Rui Child", "relationship": "MINOR_CHILD", "dateOfBirth": "2015-03-01",
                              "nationality": "BRA", "presentInPortugal": true, "presentInPortugalSince": "2023-05-01",
                              "stayEndsOn": "2027-03-01"},
                             {"fullName": "Joana Sponsor", "relationship": "SPOUSE", "dateOfBirth": "1990-01-01",
                              "nationality": "BRA", "presentInPortugal": false}],
                 "contact": {"email": "ana@example.org", "preferredLanguage": "pt"}, "region": "LISBOA"}
                """);
        CaseId caseId = caseIdOf(registered);
        MemberId child = MemberId.of(registered.body().get("memberIds").get(0).asString());
        MemberId spouse = MemberId.of(registered.body().get("memberIds").get(1).asString());
        var household = ((ApplicationRegisteredV2) service.kafka()
                        .awaitPublished(Topics.APPLICATION_EVENTS, caseId, "ApplicationRegistered")
                        .payload())
                .household();
        assertThat(household).extracting(member -> member.stayEndsOn()).containsExactly(LocalDate.of(2027, 3, 1), null);

        Caller caseworker = service.as("caseworker-15", "CASEWORKER").withCorrelationId("corr-stay");
        String path = "/applications/{caseId}/members/{memberId}/stay";
        Response updated = caseworker.put(path, Map.of("stayEndsOn", "2027-09-01"), caseId, child);
        assertThat(updated.status()).isEqualTo(204);
        EventEnvelope<?> published =
                service.kafka().awaitPublished(Topics.APPLICATION_EVENTS, caseId, "MemberStayUpdated");
        assertThat(published.payload()).isEqualTo(new MemberStayUpdated(caseId, child, LocalDate.of(2027, 9, 1)));
        assertThat(published.actor()).isEqualTo(new Actor("caseworker-15", "CASEWORKER"));
        // a spouse abroad may enter Portugal while the case waits: staff record the stay of any member
        assertThat(caseworker
                        .put(path, Map.of("stayEndsOn", "2026-12-31"), caseId, spouse)
                        .status())
                .isEqualTo(204);
        assertThat(caseworker
                        .put(path, Map.of("stayEndsOn", "2027-09-01"), caseId, child)
                        .status())
                .as("the same day again")
                .isEqualTo(204);
        assertThat(service.eventStore().types(caseId))
                .containsExactly("ApplicationSubmitted", "MemberStayChanged", "MemberStayChanged");

        Response unknownMember = caseworker.put(path, Map.of("stayEndsOn", "2027-09-01"), caseId, MemberId.newId());
        assertThat(unknownMember.status()).isEqualTo(404);
        assertThat(unknownMember.problem().type()).isEqualTo("https://aima.gov.pt/problems/member-not-found");
        assertThat(caseworker
                        .put(path, Map.of("stayEndsOn", "2027-09-01"), UUID.randomUUID(), child)
                        .status())
                .as("an unknown case")
                .isEqualTo(404);
        assertThat(fieldsOf(caseworker.put(path, Map.of(), caseId, child))).containsExactly("stayEndsOn");
        assertThat(fieldsOf(caseworker.put(path, Map.of("stayEndsOn", "2027-02-30"), caseId, child)))
                .containsExactly("stayEndsOn");
        assertThat(fieldsOf(
                        caseworker.put(path, Map.of("stayEndsOn", "2027-09-01", "permitNumber", "X"), caseId, child)))
                .containsExactly("permitNumber");
        assertThat(caseworker
                        .put(path, Map.of("stayEndsOn", "2027-09-01"), caseId, "not-a-uuid")
                        .status())
                .isEqualTo(400);
        assertThat(applicant
                        .put(path, Map.of("stayEndsOn", "2028-01-01"), caseId, child)
                        .status())
                .as("staff only")
                .isEqualTo(403);
        assertThat(service.eventStore().types(caseId)).hasSize(3);
    }

    /**
     * A snapshot taken before the case kept its members (revision 1, no {@code @Revision} then) would make every
     * member unknown: the case's {@code @Revision("2")} has it ignored, and the case is rebuilt from its events.
     */
    @Test
    void aSnapshotOfTheCaseFromBeforeItKeptItsMembersIsIgnored() {
        Caller applicant = service.as("applicant-17", "APPLICANT");
        Response registered = applicant.post("/applications", REGISTRATION);
        CaseId caseId = caseIdOf(registered);
        MemberId child = MemberId.of(registered.body().get("memberIds").get(0).asString());
        service.spring()
                .getBean(JdbcClient.class)
                .sql(
                        """
                        insert into snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                            payload_type, payload_revision, payload, meta_data, time_stamp)
                        values (:id, 0, 'ReunificationCase', :eventId, 'application.ReunificationCase', null, :payload,
                            :meta, '2026-01-01T10:00:00Z')
                        """)
                .param("id", caseId.toString())
                .param("eventId", UUID.randomUUID().toString())
                .param(
                        "payload",
                        ("{\"caseId\":\"" + caseId + "\",\"checklistComplete\":false}")
                                .getBytes(StandardCharsets.UTF_8))
                .param("meta", "{}".getBytes(StandardCharsets.UTF_8))
                .update();

        Response updated = service.as("caseworker-17", "CASEWORKER")
                .put(
                        "/applications/{caseId}/members/{memberId}/stay",
                        Map.of("stayEndsOn", "2027-09-01"),
                        caseId,
                        child);

        assertThat(updated.status()).isEqualTo(204);
        assertThat(service.eventStore().types(caseId)).containsExactly("ApplicationSubmitted", "MemberStayChanged");
    }

    @Test
    void refusesTheStayOfAMemberAbroadOrEndingBeforeTheEntryAtRegistration() {
        Caller applicant = service.as("applicant-16", "APPLICANT");
        String member =
                """
                {"sponsor": {"fullName": "Ana Sponsor", "residencePermitNumber": "AR-123456"},
                 "members": [{"fullName": "Rui Child", "relationship": "MINOR_CHILD", "dateOfBirth": "2015-03-01",
                              "nationality": "BRA", %s}],
                 "contact": {"email": "ana@example.org", "preferredLanguage": "pt"}, "region": "LISBOA"}
                """;

        for (String facts : List.of(
                "\"presentInPortugal\": false, \"stayEndsOn\": \"2027-03-01\"",
                "\"presentInPortugal\": true, \"presentInPortugalSince\": \"2023-05-01\","
                        + " \"stayEndsOn\": \"2023-04-30\"")) {
            Response refused = applicant.post("/applications", member.formatted(facts));
            assertThat(refused.status()).as(facts).isEqualTo(400);
            assertThat(fieldsOf(refused)).as(facts).containsExactly("members[0].stayEndsOnConsistent");
        }
        assertThat(service.eventStore().countCausedByThisTest()).isZero();
    }

    @Test
    void theCaseStatusIsRebuiltBlueGreenAndSwitchedWhileTheServiceKeepsServing() {
        Caller applicant = service.as("applicant-9", "APPLICANT");
        CaseId scheduled = caseIdOf(applicant.post("/applications", REGISTRATION));
        service.publish(
                Topics.SCHEDULING_EVENTS,
                new BiometricSlotAssigned(scheduled, "FARO-1", LocalDateTime.of(2026, 12, 4, 14, 0), 15));
        awaitStage(scheduled, applicant, "BIOMETRICS_SCHEDULED");
        List<Map<String, Object>> live = caseStatusRows(scheduled);
        JdbcClient jdbc = service.spring().getBean(JdbcClient.class);
        long liveTable = jdbc.sql("select 'case_status'::regclass::oid::bigint")
                .query(Long.class)
                .single();

        Caller operations = service.as("operations-1", "OPERATIONS");
        assertThat(operations.get("/operations/projections").body())
                .extracting(projection -> projection.get("name").asString())
                .contains("case-status", "backlog-imports", "kafka-relay");
        Response started = operations.post(
                "/operations/projections/case-status/rebuilds", Map.of("reason", "prove the case status"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        CaseId registeredMeanwhile = caseIdOf(applicant.post("/applications", REGISTRATION));

        JsonNode rebuild = await("the rebuild of case-status")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> operations
                                .get(started.headers().getLocation().getPath())
                                .body(),
                        body -> !List.of("RUNNING", "CAUGHT_UP")
                                .contains(body.get("state").asString()));
        assertThat(rebuild.get("state").asString()).as(rebuild.toString()).isEqualTo("SWITCHED");
        assertThat(rebuild.get("liveChecksum").asString())
                .isEqualTo(rebuild.get("rebuiltChecksum").asString());
        assertThat(jdbc.sql("select 'case_status'::regclass::oid::bigint")
                        .query(Long.class)
                        .single())
                .as("the live table is the rebuilt copy")
                .isNotEqualTo(liveTable);
        assertThat(caseStatusRows(scheduled)).isEqualTo(live);
        awaitStage(registeredMeanwhile, applicant, "REGISTERED");
    }

    @Test
    void answersWhereTheCaseStoodAtAPastInstantAsItKnewItThen() {
        Caller applicant = service.as("applicant-13", "APPLICANT");
        Instant beforeRegistration = Instant.now();
        CaseId caseId = caseIdOf(applicant.post("/applications", REGISTRATION));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistOpened(caseId, List.of()));
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
        service.publish(
                Topics.SCHEDULING_EVENTS,
                new BiometricSlotAssigned(caseId, "FARO-1", LocalDateTime.of(2026, 12, 7, 10, 0), 15));
        service.publish(Topics.SCHEDULING_EVENTS, new BiometricsCollected(caseId, "FARO-1"));
        JsonNode collected = awaitStage(caseId, applicant, "BIOMETRICS_COLLECTED");
        Instant beforeDecision = Instant.now();
        assertThat(decide(service.as("caseworker-13", "CASEWORKER"), caseId, "GRANTED")
                        .status())
                .isEqualTo(202);
        JsonNode decided = awaitStage(caseId, applicant, "DECIDED");

        Response undecided = applicant.get("/applications/{id}?asOf={at}", caseId, beforeDecision);
        assertThat(undecided.status()).isEqualTo(200);
        assertThat(undecided.body().get("stage").asString()).isEqualTo("BIOMETRICS_COLLECTED");
        assertThat(undecided.body().get("decision").isNull()).isTrue();
        assertThat(undecided.body())
                .as("exactly what the status said before the decision")
                .isEqualTo(collected);
        assertThat(service.as("auditor-13", "AUDITOR")
                        .get("/applications/{id}?asOf={at}", caseId, Instant.now())
                        .body())
                .as("as of now: the live status")
                .isEqualTo(decided);
        assertThat(applicant.get("/applications/{id}", caseId).body())
                .as("the live read model is untouched by the replays")
                .isEqualTo(decided);

        Response notYetRegistered = applicant.get("/applications/{id}?asOf={at}", caseId, beforeRegistration);
        assertThat(notYetRegistered.status()).isEqualTo(404);
        assertThat(notYetRegistered.problem().type()).endsWith("/case-not-found");
    }

    @Test
    void asOfFollowsTheLiveAccessRulesAndRefusesBadInstantsNamingTheParameter() {
        Caller owner = service.as("applicant-14", "APPLICANT");
        CaseId caseId = caseIdOf(owner.post("/applications", REGISTRATION));
        awaitStage(caseId, owner, "REGISTERED");
        Instant now = Instant.now();

        assertThat(service.as("applicant-15", "APPLICANT")
                        .get("/applications/{id}?asOf={at}", caseId, now)
                        .status())
                .as("another applicant's case")
                .isEqualTo(403);
        assertThat(service.as("caseworker-14", "CASEWORKER")
                        .get("/applications/{id}?asOf={at}", caseId, now)
                        .status())
                .isEqualTo(200);
        assertThat(service.as("auditor-14", "AUDITOR")
                        .get("/applications/{id}?asOf={at}", UUID.randomUUID(), now)
                        .status())
                .as("an unknown case")
                .isEqualTo(404);
        for (String bad : List.of(
                "yesterday", "2026-05-01", Instant.now().plusSeconds(3600).toString())) {
            Response refused = owner.get("/applications/{id}?asOf={at}", caseId, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(fieldsOf(refused)).as(bad).containsExactly("asOf");
        }
    }

    @Test
    void theOutcomeChecksumIsForAuditorsAndFollowsTheCasesOutcome() {
        Caller auditor = service.as("auditor-16", "AUDITOR");
        assertThat(service.as("caseworker-16", "CASEWORKER")
                        .get("/audit/outcome-checksum")
                        .status())
                .isEqualTo(403);
        JsonNode before = auditor.get("/audit/outcome-checksum").body();
        assertThat(before.get("service").asString()).isEqualTo("application-service");
        assertThat(before.get("algorithm").asString()).isEqualTo("SHA-256");
        List<String> parts = new ArrayList<>();
        before.get("parts").forEach(part -> parts.add(part.get("name").asString()));
        assertThat(parts).containsExactly("backlog-import-problems", "backlog-imports", "case-status");

        Caller applicant = service.as("applicant-16", "APPLICANT");
        CaseId caseId = caseIdOf(applicant.post("/applications", REGISTRATION));
        awaitStage(caseId, applicant, "REGISTERED");
        JsonNode registered = await("the same outcome read twice gives the same checksum")
                .atMost(ServiceHarness.PATIENCE)
                .until(
                        () -> auditor.get("/audit/outcome-checksum").body(),
                        body -> body.equals(
                                auditor.get("/audit/outcome-checksum").body()));
        assertThat(caseStatusPart(registered).get("rows").asLong())
                .isGreaterThan(caseStatusPart(before).get("rows").asLong());

        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistOpened(caseId, List.of()));
        awaitStage(caseId, applicant, "DOCUMENTS_REQUIRED");

        assertThat(caseStatusPart(auditor.get("/audit/outcome-checksum").body())
                        .get("sha256")
                        .asString())
                .as("a case's stage is part of the outcome")
                .isNotEqualTo(caseStatusPart(registered).get("sha256").asString());
    }

    private static JsonNode caseStatusPart(JsonNode checksum) {
        for (JsonNode part : checksum.get("parts")) {
            if (part.get("name").asString().equals("case-status")) {
                return part;
            }
        }
        throw new AssertionError("no case-status part in " + checksum);
    }

    private static List<Map<String, Object>> caseStatusRows(CaseId... cases) {
        return service.spring()
                .getBean(JdbcClient.class)
                .sql("select * from case_status where case_id in (:ids) order by case_id")
                .param("ids", java.util.Arrays.stream(cases).map(CaseId::value).toList())
                .query()
                .listOfRows();
    }

    @Test
    void aTokenWithSeveralRolesCanDoOnlyWhatOneOfThemMayDoAlone() {
        Caller other = service.as("applicant-9", "APPLICANT");
        CaseId othersCase = caseIdOf(other.post("/applications", REGISTRATION));
        awaitStage(othersCase, other, "REGISTERED");
        Caller applicantAndAuditor = service.as("applicant-10", "APPLICANT", "AUDITOR");

        assertThat(applicantAndAuditor.get("/applications/{id}", othersCase).status())
                .as("an auditor reads every case")
                .isEqualTo(200);
        assertThat(decide(applicantAndAuditor, othersCase, "GRANTED").status())
                .as("neither role alone may decide")
                .isEqualTo(403);

        Response registers = applicantAndAuditor.post("/applications", REGISTRATION);
        assertThat(registers.status()).as("an applicant registers").isEqualTo(201);
        EventEnvelope<?> published =
                service.kafka().awaitPublished(Topics.APPLICATION_EVENTS, caseIdOf(registers), "ApplicationRegistered");
        assertThat(published.actor())
                .as("the actor is the role that allowed the request")
                .isEqualTo(new Actor("applicant-10", "APPLICANT"));
        assertThat(((ApplicationRegisteredV2) published.payload()).applicantId())
                .isEqualTo("applicant-10");
    }

    @Test
    void refusesTokensOfAnotherKeyUnsignedExpiredForAnotherAudienceOrIssuerAsProblems() {
        DevTokenIssuer issuer = LocalInfrastructure.shared().tokens();
        DevTokenIssuer impostor = DevTokenIssuer.start(0);
        try {
            TokenSpec valid = TokenSpec.of("applicant-11", List.of("APPLICANT"));
            Map<String, String> refused = new java.util.LinkedHashMap<>();
            refused.put("another key", impostor.token(valid));
            refused.put("alg none", unsigned(issuer.token(valid)));
            refused.put("expired", issuer.token(valid.withLifetime(java.time.Duration.ofMinutes(-5))));
            refused.put("another audience", issuer.token(valid.withAudience("some-other-api")));
            refused.put("another issuer", issuer.token(valid.withIssuer("http://elsewhere.example")));
            refused.put("not a JWT", "garbage");
            refused.forEach((what, token) -> assertProblem(what, token, 401));

            assertProblem(
                    "an unknown role only",
                    issuer.token(TokenSpec.of("x", List.of("ROOT")).withUncheckedRoles()),
                    403);
        } finally {
            impostor.stop();
        }
    }

    @Test
    void aFieldTheApiDoesNotKnowIsRefusedNamingItAndNothingIsStored() {
        Caller applicant = service.as("applicant-12", "APPLICANT");
        Response unknown = applicant.post(
                "/applications",
                """
                {"sponsor": {"fullName": "Ana Sponsor", "residencePermitNumber": "AR-123456"},
                 "members": [{"fullName": "Rui Child", "relationship": "MINOR_CHILD", "nickname": "Ruizinho",
                              "dateOfBirth": "2015-03-01", "nationality": "BRA", "presentInPortugal": true}],
                 "contact": {"email": "ana@example.org", "preferredLanguage": "pt"}, "region": "LISBOA"}
                """);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fieldsOf(unknown)).as(String.valueOf(unknown.body())).containsExactly("members[0].nickname");

        Response misspelt = applicant.post(
                "/applications",
                """
                {"sponsor": {"fullName": "Ana Sponsor", "residencePermitNumber": "AR-123456"},
                 "members": [{"fullName": "Rui Child", "relationship": "MINOR_CHILD",
                              "dateOfBirth": "2015-03-01", "nationality": "BRA", "presentInPortgual": true}],
                 "contact": {"email": "ana@example.org", "preferredLanguage": "pt"}, "region": "LISBOA"}
                """);
        assertThat(misspelt.status())
                .as("a misspelt presentInPortugal no longer registers the member as absent")
                .isEqualTo(400);
        assertThat(fieldsOf(misspelt))
                .as(String.valueOf(misspelt.body()))
                .first()
                .asString()
                .startsWith("members[0].presentInPort");
        assertThat(service.eventStore().countCausedByThisTest()).isZero();
    }

    @Test
    void metricsAreForOperationsOnly() {
        assertThat(service.as("caseworker-3", "CASEWORKER")
                        .get("/actuator/metrics")
                        .status())
                .isEqualTo(403);
        assertThat(service.as("auditor-3", "AUDITOR").get("/actuator/metrics").status())
                .isEqualTo(403);
        assertThat(service.anonymous().get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(service.as("ops-3", "OPERATIONS").get("/actuator/metrics").status())
                .isEqualTo(200);
        assertThat(service.anonymous().get("/actuator/health").status()).isEqualTo(200);
    }

    private void assertProblem(String what, String token, int status) {
        Response response = service.anonymous().withToken(token).get("/applications/{id}", UUID.randomUUID());
        assertThat(response.status()).as(what).isEqualTo(status);
        assertThat(response.isProblem()).as(what).isTrue();
        assertThat(response.problem().status()).as(what).isEqualTo(status);
    }

    /** The same claims with {@code alg: none} and no signature. */
    private static String unsigned(String signed) {
        String header = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + signed.split("\\.")[1] + ".";
    }

    private static CaseId caseIdOf(Response registered) {
        assertThat(registered.status()).as("registered: %s", registered.body()).isEqualTo(201);
        return CaseId.of(registered.body().get("caseId").asString());
    }

    private static List<String> fieldsOf(Response badRequest) {
        List<String> fields = new ArrayList<>();
        badRequest
                .problem()
                .json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static Response decide(Caller caller, CaseId caseId, String outcome) {
        return caller.post(
                "/applications/{id}/decision",
                Map.of("outcome", outcome, "grounds", List.of(), "reasoning", "All conditions are met."),
                caseId);
    }

    private static JsonNode awaitStage(CaseId caseId, Caller applicant, String stage) {
        return await("case " + caseId + " at " + stage)
                .atMost(ServiceHarness.PATIENCE)
                .until(
                        () -> applicant.get("/applications/{id}", caseId).body(),
                        body -> body != null
                                && body.has("stage")
                                && stage.equals(body.get("stage").asString()));
    }
}
