package pt.aima.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pt.aima.document.Uploads.pdf;
import static pt.aima.document.Uploads.upload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.document.casedocuments.Catalogues;
import pt.aima.document.casedocuments.ChecklistReason;
import pt.aima.document.casedocuments.Language;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.AddressTitle;
import pt.aima.kernel.application.ApplicantDataErased;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.application.HouseholdDeclared;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.application.ResidencePeriod;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.document.DocumentAccepted;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.DocumentRejected;
import pt.aima.kernel.document.DocumentUploaded;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.inbox.DeadLetterErrorHandlerFactory;
import pt.aima.platform.privacy.Personal;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * document-service against a real PostgreSQL and a real Kafka broker: a registration arrives over Kafka and opens the
 * checklist; the applicant uploads over REST, a caseworker rejects and accepts; every step is published on the
 * document topic with who acted and in which flow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocumentServiceIT {

    private static final IntegrationEventCodec codec = IntegrationEventCodec.platform();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate SUBMITTED_ON = LocalDate.of(2026, 11, 2);
    private static final String PDF = "application/pdf";

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "document_service_it");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void carriesAChecklistFromRegistrationToCompletion() {
        MemberId spouse = MemberId.newId();
        MemberId child = MemberId.newId();
        CaseId caseId = CaseId.newId();
        EventEnvelope<ApplicationRegistered> registration = registered(
                caseId,
                "applicant-1",
                List.of(
                        new HouseholdMember(spouse, Relationship.SPOUSE, LocalDate.of(1991, 4, 2), false),
                        new HouseholdMember(child, Relationship.MINOR_CHILD, LocalDate.of(2017, 6, 1), true)));
        service.kafka().send(Topics.APPLICATION_EVENTS, registration);

        // The applicant's uploads are a flow of their own, apart from the registration's.
        String uploadFlow = "corr-upload-" + UUID.randomUUID();
        Caller applicant = service.as("applicant-1", "APPLICANT").withCorrelationId(uploadFlow);
        JsonNode checklist = awaitChecklist(caseId, applicant, body -> true);
        assertThat(checklist.get("complete").asBoolean()).isFalse();
        assertThat(checklist.get("members")).hasSize(2);
        Map<String, List<String>> typesByMember = typesByMember(checklist);
        assertThat(typesByMember.get(spouse.toString()))
                .containsExactly(
                        "SPONSOR_RESIDENCE_PERMIT",
                        "PASSPORT",
                        "MARRIAGE_CERTIFICATE",
                        "ADDRESS_DECLARATION",
                        "MEANS_OF_SUBSISTENCE",
                        "TERM_OF_RESPONSIBILITY",
                        "CRIMINAL_RECORD");
        // A child in Portugal, the other parent's residence not declared, no address title declared (version-1 facts).
        assertThat(typesByMember.get(child.toString()))
                .containsExactly(
                        "SPONSOR_RESIDENCE_PERMIT",
                        "PASSPORT",
                        "PROOF_OF_LEGAL_ENTRY",
                        "BIRTH_CERTIFICATE",
                        "OTHER_PARENT_AUTHORISATION",
                        "ADDRESS_DECLARATION",
                        "MEANS_OF_SUBSISTENCE",
                        "TERM_OF_RESPONSIBILITY");
        assertThat(item(checklist, spouse, "MARRIAGE_CERTIFICATE").get("reason").asString())
                .as("in the applicant's language")
                .isEqualTo("Prova do vínculo familiar de cônjuge: certidão de casamento autenticada");
        assertThat(item(checklist, spouse, "MARRIAGE_CERTIFICATE")
                        .get("reasonCode")
                        .asString())
                .isEqualTo("SPOUSE_TIE");
        assertThat(item(checklist, spouse, "PASSPORT").get("status").asString()).isEqualTo("MISSING");

        EventEnvelope<?> opened =
                service.kafka().awaitPublished(Topics.DOCUMENT_EVENTS, caseId, "DocumentChecklistOpened");
        assertThat(opened.actor()).isEqualTo(Actor.system("document-service"));
        assertThat(opened.correlationId()).isEqualTo(service.correlationId());
        assertThat(opened.causationId()).isEqualTo(registration.eventId().toString());
        assertThat(((DocumentChecklistOpened) opened.payload()).items()).hasSize(15);

        // The applicant uploads every item.
        for (MemberId member : List.of(spouse, child)) {
            for (String type : typesByMember.get(member.toString())) {
                byte[] pdf = pdf(member + type);
                Response uploaded = upload(applicant, caseId, member.toString(), type, pdf, PDF);
                assertThat(uploaded.status()).isEqualTo(201);
                assertThat(uploaded.body().get("sha256").asString()).isEqualTo(sha256(pdf));
                assertThat(uploaded.body().get("sizeBytes").asLong()).isEqualTo(pdf.length);
                assertThat(uploaded.body().get("mediaType").asString()).isEqualTo(PDF);
            }
        }
        checklist = awaitChecklist(
                caseId, applicant, body -> allStatuses(body).stream().allMatch("UPLOADED"::equals));

        // The caseworker rejects the spouse's passport; the applicant sees why and uploads a new one.
        Caller caseworker = service.as("caseworker-1", "CASEWORKER");
        String expiredPassport =
                item(checklist, spouse, "PASSPORT").get("documentId").asString();
        assertThat(reject(caseworker, caseId, expiredPassport, "EXPIRED", "The passport expired in 2025.")
                        .status())
                .isEqualTo(204);
        checklist = awaitChecklist(caseId, applicant, body -> "REJECTED"
                .equals(item(body, spouse, "PASSPORT").get("status").asString()));
        assertThat(item(checklist, spouse, "PASSPORT")
                        .get("rejectionReasonCode")
                        .asString())
                .isEqualTo("EXPIRED");
        assertThat(item(checklist, spouse, "PASSPORT").get("rejectionReason").asString())
                .isEqualTo("The passport expired in 2025.");
        JsonNode spouseSummary = memberOf(checklist, spouse);
        assertThat(spouseSummary.get("complete").asBoolean()).isFalse();
        assertThat(spouseSummary.get("missing")).extracting(JsonNode::asString).containsExactly("PASSPORT");
        assertThat(spouseSummary.get("awaitingVerification")).hasSize(6);
        assertThat(spouseSummary.get("accepted")).isEmpty();

        byte[] renewed = pdf("renewed passport");
        Response again = upload(applicant, caseId, spouse.toString(), "PASSPORT", renewed, PDF);
        assertThat(again.status()).isEqualTo(201);
        String renewedPassport = again.body().get("documentId").asString();
        checklist = awaitChecklist(
                caseId,
                applicant,
                body -> renewedPassport.equals(
                        item(body, spouse, "PASSPORT").get("documentId").asString()));
        assertThat(item(checklist, spouse, "PASSPORT").get("status").asString()).isEqualTo("UPLOADED");
        assertThat(item(checklist, spouse, "PASSPORT").get("rejectionReason").isNull())
                .isTrue();

        // Both versions stay; the old one can be read but no longer verified.
        assertThat(content(caseworker, caseId, expiredPassport)).isEqualTo(pdf(spouse + "PASSPORT"));
        Response superseded = accept(caseworker, caseId, expiredPassport);
        assertThat(superseded.status()).isEqualTo(409);
        assertThat(superseded.problem().rule()).isEqualTo("DOCUMENT_SUPERSEDED");

        // The caseworker accepts every current version; the last acceptance completes the checklist.
        List<String> current = new ArrayList<>();
        checklist.get("members").forEach(member -> member.get("items")
                .forEach(item -> current.add(item.get("documentId").asString())));
        for (String documentId : current) {
            assertThat(accept(caseworker, caseId, documentId).status()).isEqualTo(204);
        }
        checklist =
                awaitChecklist(caseId, applicant, body -> body.get("complete").asBoolean());
        assertThat(allStatuses(checklist)).containsOnly("ACCEPTED");
        assertThat(memberOf(checklist, child).get("complete").asBoolean()).isTrue();
        assertThat(memberOf(checklist, child).get("missing")).isEmpty();

        List<EventEnvelope<?>> published = awaitPublishedUntil(caseId, "DocumentChecklistCompleted");
        List<String> types = published.stream().map(EventEnvelope::type).toList();
        assertThat(types)
                .containsExactly(concat(
                                List.of("DocumentChecklistOpened"),
                                Collections.nCopies(15, "DocumentUploaded"),
                                List.of("DocumentRejected", "DocumentUploaded"),
                                Collections.nCopies(15, "DocumentAccepted"),
                                List.of("DocumentChecklistCompleted"))
                        .toArray(String[]::new));
        EventEnvelope<?> firstUpload = published.get(1);
        assertThat(firstUpload.actor()).isEqualTo(new Actor("applicant-1", "APPLICANT"));
        assertThat(firstUpload.correlationId()).isEqualTo(uploadFlow);
        assertThat(((DocumentUploaded) firstUpload.payload()).sha256()).hasSize(64);
        EventEnvelope<?> rejection = published.get(16);
        assertThat(rejection.actor()).isEqualTo(new Actor("caseworker-1", "CASEWORKER"));
        assertThat(rejection.correlationId()).isEqualTo(service.correlationId());
        assertThat(((DocumentRejected) rejection.payload()).reasonCode()).isEqualTo("EXPIRED");
        EventEnvelope<?> lastAcceptance = published.get(published.size() - 2);
        assertThat(((DocumentAccepted) lastAcceptance.payload()).documentId().toString())
                .isEqualTo(current.get(current.size() - 1));
        assertThat(new String(codec.encode(published.get(0)), StandardCharsets.UTF_8))
                .as("the applicant's account id stays in document-service")
                .doesNotContain("applicant-1");

        assertThat(storedContent(caseId)).isEqualTo(16L);
    }

    /**
     * Portuguese is Portuguese: the checklist of a Portuguese case, with a household that calls for every kind of
     * reason, holds no sentence of the English catalogue, and every item names its reason's code and facts. A reader
     * who asks for English gets the rules' English sentences; a language AIMA does not write in gets the applicant's.
     */
    @Test
    void theChecklistIsReadInTheApplicantsLanguageOrTheOneAskedForWithEveryReasonsCode() {
        CaseId caseId = CaseId.newId();
        LocalDate adult = SUBMITTED_ON.minusYears(40);
        LocalDate minor = SUBMITTED_ON.minusYears(12);
        List<ResidencePeriod> abroadThenHere = List.of(
                new ResidencePeriod(
                        "IND",
                        SUBMITTED_ON.minusYears(10),
                        SUBMITTED_ON.minusYears(3).minusDays(1)),
                new ResidencePeriod("PRT", SUBMITTED_ON.minusYears(3), null));
        List<HouseholdMember> household = new ArrayList<>();
        for (Relationship relationship : Relationship.values()) {
            boolean isMinor = relationship.name().contains("MINOR");
            household.add(new HouseholdMember(
                    MemberId.newId(),
                    relationship,
                    isMinor ? minor : adult,
                    true,
                    "BRA",
                    SUBMITTED_ON.minusYears(3),
                    abroadThenHere,
                    isMinor ? Boolean.FALSE : null));
        }
        household.add(
                new HouseholdMember(MemberId.newId(), Relationship.MINOR_CHILD, minor, false, null, null, null, null));
        service.kafka()
                .send(
                        Topics.APPLICATION_EVENTS,
                        service.envelope(new ApplicationRegistered(
                                caseId,
                                "applicant-pt",
                                SUBMITTED_ON,
                                household,
                                "pt",
                                AddressTitle.OTHER_ACCOMMODATION)));
        Caller applicant = service.as("applicant-pt", "APPLICANT");
        awaitChecklist(caseId, applicant, body -> true);

        ResponseEntity<String> portuguese = checklistIn(caseId, applicant, null);
        ResponseEntity<String> english = checklistIn(caseId, applicant, "en-GB,en;q=0.9,pt;q=0.5");
        ResponseEntity<String> french = checklistIn(caseId, applicant, "fr-FR");

        assertThat(portuguese.getHeaders().getFirst("Content-Language")).isEqualTo("pt");
        assertThat(Catalogues.foundIn(portuguese.getBody(), Language.PT)).isNotEmpty();
        assertThat(Catalogues.foundIn(portuguese.getBody(), Language.EN))
                .as("English text in the Portuguese checklist")
                .isEmpty();
        JsonNode inPortuguese = JSON.readTree(portuguese.getBody());
        assertThat(inPortuguese.get("language").asString()).isEqualTo("pt");
        List<String> codes = new ArrayList<>();
        inPortuguese.get("members").forEach(member -> member.get("items").forEach(item -> {
            assertThat(item.get("reasonCode").isString()).as(item.toString()).isTrue();
            assertThat(item.get("reasonValues").isObject()).as(item.toString()).isTrue();
            codes.add(item.get("reasonCode").asString());
        }));
        assertThat(codes)
                .as("a household that calls for every reason but one (a declared-owner's land registry)")
                .containsAll(Arrays.stream(ChecklistReason.values())
                        .filter(reason -> reason != ChecklistReason.HOME_OWNED)
                        .map(ChecklistReason::name)
                        .toList());
        JsonNode criminalRecord = item(inPortuguese, household.getFirst().memberId(), "CRIMINAL_RECORD");
        assertThat(criminalRecord.get("reasonValues").get("countries").asString())
                .isEqualTo("BRA, IND");
        assertThat(criminalRecord.get("reason").asString()).contains("mais de um ano antes de vir para Portugal");

        assertThat(english.getHeaders().getFirst("Content-Language")).isEqualTo("en");
        JsonNode inEnglish = JSON.readTree(english.getBody());
        assertThat(item(inEnglish, household.getFirst().memberId(), "CRIMINAL_RECORD")
                        .get("reason")
                        .asString())
                .isEqualTo("Criminal record: required from age 16, from the country of nationality and any country"
                        + " lived in for more than one year before coming to Portugal (BRA, IND)");
        assertThat(french.getHeaders().getFirst("Content-Language")).isEqualTo("pt");
        assertThat(JSON.readTree(french.getBody())).isEqualTo(inPortuguese);
    }

    @Test
    void erasingTheApplicantsDataDeletesTheUploadsAndTheCountriesTheChecklistNames() {
        CaseId caseId = CaseId.newId();
        MemberId spouse = MemberId.newId();
        String applicantId = "applicant-erased-" + caseId;
        HouseholdMember member = new HouseholdMember(
                spouse,
                Relationship.SPOUSE,
                SUBMITTED_ON.minusYears(40),
                true,
                "BRA",
                SUBMITTED_ON.minusYears(3),
                List.of(
                        new ResidencePeriod(
                                "IND",
                                SUBMITTED_ON.minusYears(10),
                                SUBMITTED_ON.minusYears(3).minusDays(1)),
                        new ResidencePeriod("PRT", SUBMITTED_ON.minusYears(3), null)),
                null);
        service.kafka()
                .send(
                        Topics.HOUSEHOLD_FACTS,
                        service.envelope(
                                new HouseholdDeclared(caseId, applicantId, SUBMITTED_ON, List.of(member), null, "en")));
        Caller applicant = service.as(applicantId, "APPLICANT");
        awaitChecklist(caseId, applicant, body -> true);
        byte[] passport = pdf("the spouse's passport");
        assertThat(upload(applicant, caseId, spouse.toString(), "PASSPORT", passport, PDF)
                        .status())
                .isEqualTo(201);
        JsonNode before = awaitChecklist(caseId, applicant, body -> "UPLOADED"
                .equals(item(body, spouse, "PASSPORT").get("status").asString()));
        assertThat(item(before, spouse, "CRIMINAL_RECORD")
                        .get("reasonValues")
                        .get("countries")
                        .asString())
                .isEqualTo("BRA, IND");
        assertThat(storedPayloads(caseId))
                .as("the countries a member lived in are stored encrypted under the applicant's key")
                .noneMatch(payload -> payload.contains("IND"));
        String documentId = item(before, spouse, "PASSPORT").get("documentId").asString();
        Caller caseworker = service.as("caseworker-1", "CASEWORKER");
        assertThat(content(caseworker, caseId, documentId)).isEqualTo(passport);

        EventEnvelope<ApplicantDataErased> erasure =
                service.envelope(new ApplicantDataErased(caseId, applicantId, "RGPD art. 17(1)(a), retention ended"));
        service.kafka().send(Topics.APPLICATION_EVENTS, erasure);
        service.inbox().awaitProcessed(erasure);

        assertThat(service.eventStore().types(caseId)).endsWith("DocumentDataErased");
        Response gone = caseworker.get("/cases/{caseId}/documents/{documentId}/content", caseId, documentId);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.body().get("rule").asString()).isEqualTo("PERSONAL_DATA_ERASED");
        assertThat(jdbc.sql("select content is null and sha256 = :sha from document_content where document_id = :id")
                        .param("sha", sha256(passport))
                        .param("id", UUID.fromString(documentId))
                        .query(Boolean.class)
                        .single())
                .as("the bytes are gone, the digest stays")
                .isTrue();
        JsonNode after =
                awaitChecklist(caseId, caseworker, body -> !body.toString().contains("IND"));
        JsonNode criminalRecord = item(after, spouse, "CRIMINAL_RECORD");
        assertThat(criminalRecord.get("reasonCode").asString()).isEqualTo("CRIMINAL_RECORD_ABROAD");
        assertThat(criminalRecord.get("reasonValues").isEmpty()).isTrue();
        assertThat(after.toString()).doesNotContain("BRA");
        assertThat(item(after, spouse, "PASSPORT").get("status").asString())
                .as("what was uploaded and verified stays")
                .isEqualTo("UPLOADED");
        assertThat(upload(applicant, caseId, spouse.toString(), "MARRIAGE_CERTIFICATE", pdf("late"), PDF)
                        .status())
                .as("nothing personal is taken any more")
                .isEqualTo(409);

        // A second erasure (another record of it) changes nothing.
        EventEnvelope<ApplicantDataErased> again =
                service.envelope(new ApplicantDataErased(caseId, applicantId, "RGPD art. 17(1)(a), retention ended"));
        service.kafka().send(Topics.APPLICATION_EVENTS, again);
        service.inbox().awaitProcessed(again);
        assertThat(service.eventStore().types(caseId).stream()
                        .filter("DocumentDataErased"::equals)
                        .count())
                .isEqualTo(1);
    }

    @Test
    void whatCaseworkersWroteIsStoredUnderTheCasesKeyAndErasedWithTheApplicantAlsoInARebuild() {
        CaseId caseId = CaseId.newId();
        MemberId spouse = MemberId.newId();
        String applicantId = "applicant-notes-" + caseId;
        service.kafka()
                .send(
                        Topics.APPLICATION_EVENTS,
                        registered(
                                caseId,
                                applicantId,
                                List.of(new HouseholdMember(
                                        spouse, Relationship.SPOUSE, LocalDate.of(1985, 1, 2), false))));
        Caller applicant = service.as(applicantId, "APPLICANT");
        List<String> types =
                typesByMember(awaitChecklist(caseId, applicant, body -> true)).get(spouse.toString());
        String documentId = upload(applicant, caseId, spouse.toString(), types.get(0), pdf("notes " + caseId), PDF)
                .body()
                .get("documentId")
                .asString();
        Caller caseworker = service.as("caseworker-notes", "CASEWORKER");
        String rejection = "The photo of Maria " + caseId + " is unreadable.";
        String evidence = "Send proof that Maria " + caseId + " lived with the sponsor.";
        assertThat(reject(caseworker, caseId, documentId, "ILLEGIBLE", rejection)
                        .status())
                .isEqualTo(204);
        Response requested = caseworker.post(
                "/cases/{caseId}/evidence-requests",
                Map.of(
                        "documentTypes",
                        List.of(types.get(1)),
                        "reason",
                        evidence,
                        "respondBy",
                        LocalDate.now().plusDays(60).toString()),
                caseId);
        assertThat(requested.status()).as("%s", requested.body()).isEqualTo(201);

        awaitChecklist(
                caseId,
                caseworker,
                body -> rejection.equals(
                        item(body, spouse, types.get(0)).get("rejectionReason").asString()));
        awaitEvidenceReasons(caseId, caseworker, List.of(evidence));
        assertThat(storedPayloads(caseId))
                .as("stored encrypted, under the case's key")
                .anyMatch(payload -> payload.contains("\"subject\":\"caseId:" + caseId + "\""))
                .noneMatch(payload -> payload.contains(rejection) || payload.contains(evidence));
        assertThat(audited(caseworker, caseId, "DocumentVersionRejected")
                        .get("reason")
                        .asString())
                .isEqualTo(rejection);
        assertThat(audited(caseworker, caseId, "EvidenceRequestMade")
                        .get("reason")
                        .asString())
                .isEqualTo(evidence);

        EventEnvelope<ApplicantDataErased> erasure =
                service.envelope(new ApplicantDataErased(caseId, applicantId, "RGPD art. 17(1)(a), retention ended"));
        service.kafka().send(Topics.APPLICATION_EVENTS, erasure);
        service.inbox().awaitProcessed(erasure);

        assertThat(jdbc.sql("select erased_at is not null from personal_data_key where data_subject = :subject")
                        .param("subject", "caseId:" + caseId)
                        .query(Boolean.class)
                        .optional())
                .as("the case's key is destroyed with the applicant's")
                .contains(true);
        assertNotesErased(caseId, spouse, types.get(0), caseworker);
        JsonNode rejected = audited(caseworker, caseId, "DocumentVersionRejected");
        assertThat(rejected.get("reason").asString()).isEqualTo(Personal.ERASED);
        assertThat(rejected.get("reasonCode").asString()).as("the code stays").isEqualTo("ILLEGIBLE");
        assertThat(audited(caseworker, caseId, "EvidenceRequestMade")
                        .get("reason")
                        .asString())
                .isEqualTo(Personal.ERASED);

        Caller operations = service.as("operations-notes", "OPERATIONS");
        for (String projection : List.of("checklist", "evidence-requests")) {
            Response started = operations.post(
                    "/operations/projections/{name}/rebuilds", Map.of("reason", "prove the erasure"), projection);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            JsonNode rebuild = await(projection + " rebuilt")
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(
                            () -> operations
                                    .get(started.headers().getLocation().getPath())
                                    .body(),
                            body -> !List.of("RUNNING", "CAUGHT_UP")
                                    .contains(body.get("state").asString()));
            assertThat(rebuild.get("state").asString()).as(rebuild.toString()).isEqualTo("SWITCHED");
        }
        assertNotesErased(caseId, spouse, types.get(0), caseworker);

        Response late = reject(caseworker, caseId, documentId, "ILLEGIBLE", "Still unreadable.");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.problem().rule()).isEqualTo("PERSONAL_DATA_ERASED");
    }

    private void assertNotesErased(CaseId caseId, MemberId spouse, String rejectedType, Caller reader) {
        JsonNode checklist = awaitChecklist(
                caseId,
                reader,
                body -> Personal.ERASED.equals(
                        item(body, spouse, rejectedType).get("rejectionReason").asString()));
        assertThat(item(checklist, spouse, rejectedType)
                        .get("rejectionReasonCode")
                        .asString())
                .isEqualTo("ILLEGIBLE");
        awaitEvidenceReasons(caseId, reader, List.of(Personal.ERASED));
    }

    private static void awaitEvidenceReasons(CaseId caseId, Caller reader, List<String> reasons) {
        await("evidence requests of " + caseId)
                .atMost(ServiceHarness.PATIENCE)
                .until(
                        () -> reader.get("/cases/{caseId}/evidence-requests", caseId)
                                .body(),
                        body -> body != null && reasons.equals(reasonsOf(body)));
    }

    private static List<String> reasonsOf(JsonNode requests) {
        List<String> reasons = new java.util.ArrayList<>();
        requests.forEach(request -> reasons.add(request.get("reason").asString()));
        return reasons;
    }

    /** The payload of the case's first event of {@code type}, as the audit history shows it. */
    private static JsonNode audited(Caller reader, CaseId caseId, String type) {
        JsonNode history = reader.get("/audit/cases/{id}/events", caseId).body();
        for (JsonNode entry : history) {
            if (type.equals(entry.get("type").asString())) {
                return entry.get("payload");
            }
        }
        throw new AssertionError("no " + type + " in " + history);
    }

    /** The case's events as stored, payloads as text. */
    private List<String> storedPayloads(CaseId caseId) {
        return jdbc.sql("select convert_from(payload, 'UTF8') from domain_event_entry where aggregate_identifier = :id")
                .param("id", caseId.toString())
                .query(String.class)
                .list();
    }

    @Test
    void aRedeliveredRegistrationOpensOneChecklist() {
        CaseId caseId = CaseId.newId();
        EventEnvelope<ApplicationRegistered> registration = registered(
                caseId,
                "applicant-2",
                List.of(new HouseholdMember(MemberId.newId(), Relationship.SPOUSE, LocalDate.of(1980, 1, 1), false)));
        service.kafka().send(Topics.APPLICATION_EVENTS, registration);
        RecordMetadata second = service.kafka().send(Topics.APPLICATION_EVENTS, registration);
        service.awaitConsumed(second);

        assertThat(service.inbox().processed(registration)).isTrue();
        assertThat(service.inbox().count(caseId)).isEqualTo(1);
        assertThat(service.eventStore().types(caseId)).containsExactly("ChecklistOpened");
        Response history = service.as("auditor-1", "AUDITOR").get("/audit/cases/{id}/events", caseId);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).hasSize(1);
        assertThat(history.body().get(0).get("type").asString()).isEqualTo("ChecklistOpened");
        assertThat(history.body().get(0).get("causationId").asString())
                .isEqualTo(registration.eventId().toString());
    }

    @Test
    void theHouseholdDeclaredOnTheRestrictedTopicOpensTheChecklistAndVersion2OfTheRegistrationNothing() {
        CaseId caseId = CaseId.newId();
        MemberId child = MemberId.newId();
        EventEnvelope<ApplicationRegisteredV2> registration = service.envelope(new ApplicationRegisteredV2(
                caseId,
                "applicant-v2",
                SUBMITTED_ON,
                List.of(new ApplicationRegisteredV2.Member(child, Relationship.MINOR_CHILD, true, null)),
                "pt",
                null,
                null,
                null));
        RecordMetadata slim = service.kafka().send(Topics.APPLICATION_EVENTS, registration);
        service.awaitConsumed(slim);
        assertThat(service.eventStore().types(caseId))
                .as("version 2 has none of the facts the rules need")
                .isEmpty();

        EventEnvelope<HouseholdDeclared> household = service.envelope(new HouseholdDeclared(
                caseId,
                "applicant-v2",
                SUBMITTED_ON,
                List.of(new HouseholdMember(child, Relationship.MINOR_CHILD, SUBMITTED_ON.minusYears(8), true)),
                null,
                "pt"));
        service.kafka().send(Topics.HOUSEHOLD_FACTS, household);
        service.inbox().awaitProcessed(household);
        assertThat(service.eventStore().types(caseId)).containsExactly("ChecklistOpened");
        assertThat(awaitChecklist(caseId, service.as("applicant-v2", "APPLICANT"), body -> true)
                        .get("members"))
                .hasSize(1);
    }

    @Test
    void aSnapshotOfAnOlderShapeOfTheCaseIsIgnored() {
        CaseId caseId = CaseId.newId();
        MemberId spouse = MemberId.newId();
        service.kafka()
                .send(
                        Topics.APPLICATION_EVENTS,
                        registered(
                                caseId,
                                "applicant-snapshot",
                                List.of(new HouseholdMember(
                                        spouse, Relationship.SPOUSE, LocalDate.of(1985, 3, 1), false))));
        Caller applicant = service.as("applicant-snapshot", "APPLICANT");
        awaitChecklist(caseId, applicant, body -> true);
        // a snapshot left by an earlier version of CaseDocuments (revision 1): an empty state, which would know no
        // member and no checklist if the store handed it to the aggregate
        jdbc.sql(
                        """
                insert into snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    payload_type, payload_revision, payload, meta_data, time_stamp)
                select aggregate_identifier, max(sequence_number), 'CaseDocuments', :eventId,
                    'document.CaseDocuments', '1', convert_to('{}', 'UTF8'),
                    convert_to('{}', 'UTF8'), '2025-01-01T00:00:00Z'
                from domain_event_entry where aggregate_identifier = :caseId group by aggregate_identifier
                """)
                .param("eventId", UUID.randomUUID().toString())
                .param("caseId", caseId.toString())
                .update();
        assertThat(service.eventStore().snapshots(caseId)).isEqualTo(1);

        Response uploaded = upload(applicant, caseId, spouse.toString(), "MARRIAGE_CERTIFICATE", pdf("marriage"), PDF);

        assertThat(uploaded.status())
                .as("the case is loaded from its events, not from the stale snapshot")
                .isEqualTo(201);
        assertThat(service.eventStore().types(caseId)).containsExactly("ChecklistOpened", "DocumentVersionUploaded");
    }

    @Test
    void malformedRecordsAreDeadLetteredAndTheConsumerMovesOn() {
        CaseId caseId = CaseId.newId();
        IntegrationEventsClient kafka = service.kafka();
        kafka.sendRaw(new ProducerRecord<>(
                Topics.APPLICATION_EVENTS, caseId.toString(), "{not an envelope".getBytes(StandardCharsets.UTF_8)));
        EventEnvelope<ApplicationRegistered> valid = registered(
                caseId,
                "applicant-3",
                List.of(new HouseholdMember(MemberId.newId(), Relationship.SPOUSE, LocalDate.of(1985, 2, 3), false)));
        String brokenPayload = new String(codec.encode(valid), StandardCharsets.UTF_8)
                .replace("\"household\":[", "\"household\":\"none\",\"ignored\":[");
        var broken = new ProducerRecord<>(
                Topics.APPLICATION_EVENTS, caseId.toString(), brokenPayload.getBytes(StandardCharsets.UTF_8));
        broken.headers().add(Topics.HEADER_EVENT_TYPE, "ApplicationRegistered".getBytes(StandardCharsets.UTF_8));
        kafka.sendRaw(broken);
        kafka.send(Topics.APPLICATION_EVENTS, valid);

        service.inbox().awaitProcessed(valid);
        awaitChecklist(caseId, service.as("applicant-3", "APPLICANT"), body -> true);
        String deadLetters = Topics.deadLetterTopic(Topics.APPLICATION_EVENTS, service.serviceName());
        List<ConsumerRecord<String, byte[]>> dead =
                kafka.awaitRecords(deadLetters, ofCase(caseId), found -> found.size() == 2);
        assertThat(dead)
                .extracting(
                        record -> IntegrationEventsClient.header(record, DeadLetterErrorHandlerFactory.REASON_HEADER))
                .satisfiesExactly(
                        reason -> assertThat(reason).startsWith("MalformedEventException: not JSON"),
                        reason -> assertThat(reason).startsWith("MalformedEventException: ApplicationRegistered v1"));
        assertThat(service.inbox().count(caseId))
                .as("only the valid record was applied")
                .isEqualTo(1);
    }

    @Test
    void refusesBadRequestsAndStoresNothing() {
        MemberId spouse = MemberId.newId();
        MemberId child = MemberId.newId();
        CaseId caseId = CaseId.newId();
        CaseId unknownCase = CaseId.newId();
        service.kafka()
                .send(
                        Topics.APPLICATION_EVENTS,
                        registered(
                                caseId,
                                "applicant-4",
                                List.of(
                                        new HouseholdMember(
                                                spouse, Relationship.SPOUSE, LocalDate.of(1990, 1, 1), false),
                                        new HouseholdMember(
                                                child, Relationship.MINOR_CHILD, LocalDate.of(2018, 1, 1), true))));
        Caller applicant = service.as("applicant-4", "APPLICANT");
        Caller caseworker = service.as("caseworker-4", "CASEWORKER");
        awaitChecklist(caseId, applicant, body -> true);
        long contentBefore = storedContent(caseId) + storedContent(unknownCase);
        long eventsBefore = service.eventStore().countCausedByThisTest();
        assertThat(eventsBefore).as("the checklist opened in this test's flow").isEqualTo(1);

        // 400: each bad part named.
        assertInvalid(upload(applicant, caseId, spouse.toString(), "PASSPORT", new byte[0], PDF), "file");
        byte[] tooLarge = Arrays.copyOf(pdf("large"), 1_048_577);
        assertInvalid(upload(applicant, caseId, spouse.toString(), "PASSPORT", tooLarge, PDF), "file");
        assertInvalid(
                upload(applicant, caseId, spouse.toString(), "PASSPORT", "hello".getBytes(), "text/plain"), "file");
        assertInvalid(upload(applicant, caseId, spouse.toString(), "PASSPORT", "hello".getBytes(), PDF), "file");
        assertInvalid(upload(applicant, caseId, spouse.toString(), "SELFIE", pdf("x"), PDF), "documentType");
        assertInvalid(upload(applicant, caseId, "not-a-uuid", "PASSPORT", pdf("x"), PDF), "memberId");
        assertInvalid(upload(applicant, caseId, UUID.randomUUID().toString(), "PASSPORT", pdf("x"), PDF), "memberId");
        assertInvalid(upload(applicant, caseId, child.toString(), "CRIMINAL_RECORD", pdf("x"), PDF), "documentType");
        Response noReason = caseworker.post(
                "/cases/{caseId}/documents/{documentId}/rejection",
                Map.of("reason", "Unreadable."),
                caseId,
                UUID.randomUUID());
        assertInvalid(noReason, "reasonCode");

        // 404: unknown case (the content written before the command is rolled back) or document.
        assertThat(upload(caseworker, unknownCase, spouse.toString(), "PASSPORT", pdf("x"), PDF)
                        .status())
                .isEqualTo(404);
        assertThat(upload(applicant, unknownCase, spouse.toString(), "PASSPORT", pdf("x"), PDF)
                        .status())
                .isEqualTo(404);
        assertThat(getChecklist(unknownCase, caseworker).status()).isEqualTo(404);
        assertThat(accept(caseworker, unknownCase, UUID.randomUUID().toString()).status())
                .isEqualTo(404);
        assertThat(accept(caseworker, caseId, UUID.randomUUID().toString()).status())
                .isEqualTo(404);

        // 403: someone else's case, or a role that may not act.
        Caller otherApplicant = service.as("applicant-5", "APPLICANT");
        assertThat(getChecklist(caseId, otherApplicant).status()).isEqualTo(403);
        assertThat(upload(otherApplicant, caseId, spouse.toString(), "PASSPORT", pdf("x"), PDF)
                        .status())
                .isEqualTo(403);
        assertThat(upload(service.as("ops-1", "OPERATIONS"), caseId, spouse.toString(), "PASSPORT", pdf("x"), PDF)
                        .status())
                .isEqualTo(403);
        assertThat(accept(applicant, caseId, UUID.randomUUID().toString()).status())
                .isEqualTo(403);

        assertThat(storedContent(caseId) + storedContent(unknownCase)).isEqualTo(contentBefore);
        assertThat(service.eventStore().countCausedByThisTest()).isEqualTo(eventsBefore);

        // 409: a document is verified once, and an accepted item takes no new version.
        Response passport = upload(applicant, caseId, spouse.toString(), "PASSPORT", pdf("p"), PDF);
        String passportId = passport.body().get("documentId").asString();
        assertThat(accept(caseworker, caseId, passportId).status()).isEqualTo(204);
        Response twice = reject(caseworker, caseId, passportId, "ILLEGIBLE", "Cannot be read.");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.problem().rule()).isEqualTo("DOCUMENT_ALREADY_VERIFIED");
        Response afterAcceptance = upload(applicant, caseId, spouse.toString(), "PASSPORT", pdf("p2"), PDF);
        assertThat(afterAcceptance.status()).isEqualTo(409);
        assertThat(afterAcceptance.problem().rule()).isEqualTo("DOCUMENT_ALREADY_ACCEPTED");

        assertThat(storedContent(caseId) + storedContent(unknownCase)).isEqualTo(contentBefore + 1);
        assertThat(service.eventStore().countCausedByThisTest()).isEqualTo(eventsBefore + 2);
    }

    /**
     * Two cases, one still being worked on (an item rejected, one rejected and uploaded again, one accepted, one
     * uploaded, the rest missing) and one complete: reset and replayed from the event store, the checklist read model
     * answers exactly what it answered live.
     */
    @Test
    void theChecklistRebuiltFromHistoryEqualsTheOneBuiltLive() {
        MemberId parent = MemberId.newId();
        CaseId caseId = CaseId.newId();
        service.kafka()
                .send(
                        Topics.APPLICATION_EVENTS,
                        registered(
                                caseId,
                                "applicant-6",
                                List.of(new HouseholdMember(
                                        parent, Relationship.DEPENDENT_PARENT, LocalDate.of(1950, 8, 9), false))));
        MemberId spouse = MemberId.newId();
        CaseId completeCase = CaseId.newId();
        service.kafka()
                .send(
                        Topics.APPLICATION_EVENTS,
                        registered(
                                completeCase,
                                "applicant-7",
                                List.of(new HouseholdMember(
                                        spouse, Relationship.SPOUSE, LocalDate.of(1988, 5, 6), false))));
        Caller applicant = service.as("applicant-6", "APPLICANT");
        Caller caseworker = service.as("caseworker-6", "CASEWORKER");
        String another = typesByMember(awaitChecklist(caseId, applicant, body -> true)).get(parent.toString()).stream()
                .filter(type -> !type.equals("PROOF_OF_DEPENDENCE") && !type.equals("PASSPORT"))
                .findFirst()
                .orElseThrow();
        String first = upload(applicant, caseId, parent.toString(), "PROOF_OF_DEPENDENCE", pdf("1"), PDF)
                .body()
                .get("documentId")
                .asString();
        assertThat(reject(caseworker, caseId, first, "INCOMPLETE", "Show the money transfers of the last year.")
                        .status())
                .isEqualTo(204);
        assertThat(upload(applicant, caseId, parent.toString(), "PROOF_OF_DEPENDENCE", pdf("2"), PDF)
                        .status())
                .isEqualTo(201);
        String passport = upload(applicant, caseId, parent.toString(), "PASSPORT", pdf("3"), PDF)
                .body()
                .get("documentId")
                .asString();
        assertThat(accept(caseworker, caseId, passport).status()).isEqualTo(204);
        String illegible = upload(applicant, caseId, parent.toString(), another, pdf("4"), PDF)
                .body()
                .get("documentId")
                .asString();
        assertThat(reject(caseworker, caseId, illegible, "ILLEGIBLE", "Cannot be read.")
                        .status())
                .isEqualTo(204);
        JsonNode live = awaitChecklist(
                caseId,
                applicant,
                body -> statusCount(body, "UPLOADED") == 1
                        && statusCount(body, "ACCEPTED") == 1
                        && statusCount(body, "REJECTED") == 1);
        assertThat(statusCount(live, "MISSING")).isPositive();

        Caller spouseApplicant = service.as("applicant-7", "APPLICANT");
        JsonNode opened = awaitChecklist(completeCase, spouseApplicant, body -> true);
        for (String type : typesByMember(opened).get(spouse.toString())) {
            String documentId = upload(spouseApplicant, completeCase, spouse.toString(), type, pdf(type), PDF)
                    .body()
                    .get("documentId")
                    .asString();
            assertThat(accept(caseworker, completeCase, documentId).status()).isEqualTo(204);
        }
        JsonNode liveComplete = awaitChecklist(
                completeCase, spouseApplicant, body -> body.get("complete").asBoolean());

        StreamingEventProcessor processor = processing
                .eventProcessor("checklist", StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(getChecklist(caseId, caseworker).status())
                .as("the reset cleared the read model")
                .isEqualTo(404);
        assertThat(getChecklist(completeCase, caseworker).status()).isEqualTo(404);
        processor.start();

        awaitChecklist(caseId, applicant, live::equals);
        awaitChecklist(completeCase, spouseApplicant, liveComplete::equals);
    }

    /**
     * Both projections rebuilt blue/green while the service serves: each copy equals its live tables and replaces them;
     * the checklist answers as before.
     */
    @Test
    void theChecklistAndTheEvidenceRequestsAreRebuiltBlueGreenAndSwitched() {
        MemberId spouse = MemberId.newId();
        CaseId caseId = CaseId.newId();
        service.kafka()
                .send(
                        Topics.APPLICATION_EVENTS,
                        registered(
                                caseId,
                                "applicant-8",
                                List.of(new HouseholdMember(
                                        spouse, Relationship.SPOUSE, LocalDate.of(1985, 1, 2), false))));
        Caller applicant = service.as("applicant-8", "APPLICANT");
        String type = typesByMember(awaitChecklist(caseId, applicant, body -> true))
                .get(spouse.toString())
                .getFirst();
        String documentId = upload(applicant, caseId, spouse.toString(), type, pdf("blue-green"), PDF)
                .body()
                .get("documentId")
                .asString();
        assertThat(accept(service.as("caseworker-8", "CASEWORKER"), caseId, documentId)
                        .status())
                .isEqualTo(204);
        JsonNode live = awaitChecklist(caseId, applicant, body -> statusCount(body, "ACCEPTED") == 1);

        Caller operations = service.as("operations-1", "OPERATIONS");
        for (String projection : List.of("checklist", "evidence-requests")) {
            Response started = operations.post(
                    "/operations/projections/{name}/rebuilds", Map.of("reason", "prove " + projection), projection);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            JsonNode rebuild = await(projection + " rebuilt")
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(
                            () -> operations
                                    .get(started.headers().getLocation().getPath())
                                    .body(),
                            body -> !List.of("RUNNING", "CAUGHT_UP")
                                    .contains(body.get("state").asString()));
            assertThat(rebuild.get("state").asString()).as(rebuild.toString()).isEqualTo("SWITCHED");
        }
        assertThat(getChecklist(caseId, applicant).body()).isEqualTo(live);
    }

    @Test
    void answersWhatTheChecklistShowedAtAPastInstant() {
        MemberId spouse = MemberId.newId();
        CaseId caseId = CaseId.newId();
        Caller applicant = service.as("applicant-asof", "APPLICANT");
        Instant beforeRegistration = Instant.now();
        service.kafka()
                .send(
                        Topics.APPLICATION_EVENTS,
                        registered(
                                caseId,
                                "applicant-asof",
                                List.of(new HouseholdMember(
                                        spouse, Relationship.SPOUSE, LocalDate.of(1990, 1, 1), false))));
        JsonNode opened = awaitChecklist(caseId, applicant, body -> true);
        Instant beforeUpload = Instant.now();
        assertThat(upload(applicant, caseId, spouse.toString(), "PASSPORT", pdf("asof passport"), PDF)
                        .status())
                .isEqualTo(201);
        JsonNode uploaded = awaitChecklist(caseId, applicant, body -> "UPLOADED"
                .equals(item(body, spouse, "PASSPORT").get("status").asString()));

        Response then = applicant.get("/cases/{caseId}/checklist?asOf={at}", caseId, beforeUpload);
        assertThat(then.status()).isEqualTo(200);
        assertThat(item(then.body(), spouse, "PASSPORT").get("status").asString())
                .as("before the upload the passport was missing")
                .isEqualTo("MISSING");
        assertThat(memberOf(then.body(), spouse).get("missing"))
                .extracting(JsonNode::asString)
                .contains("PASSPORT");
        assertThat(then.body()).as("exactly what the checklist said then").isEqualTo(opened);
        assertThat(service.as("auditor-asof", "AUDITOR")
                        .get("/cases/{caseId}/checklist?asOf={at}", caseId, Instant.now())
                        .body())
                .isEqualTo(uploaded);
        assertThat(getChecklist(caseId, applicant).body())
                .as("the live read model, untouched")
                .isEqualTo(uploaded);

        assertThat(applicant
                        .get("/cases/{caseId}/checklist?asOf={at}", caseId, beforeRegistration)
                        .status())
                .as("not opened yet")
                .isEqualTo(404);
        assertThat(service.as("applicant-other", "APPLICANT")
                        .get("/cases/{caseId}/checklist?asOf={at}", caseId, beforeUpload)
                        .status())
                .as("another applicant's case")
                .isEqualTo(403);
        assertThat(service.as("caseworker-asof", "CASEWORKER")
                        .get("/cases/{caseId}/checklist?asOf={at}", CaseId.newId(), beforeUpload)
                        .status())
                .as("an unknown case")
                .isEqualTo(404);
        assertInvalid(applicant.get("/cases/{caseId}/checklist?asOf={at}", caseId, "last week"), "asOf");
        assertInvalid(
                applicant.get(
                        "/cases/{caseId}/checklist?asOf={at}",
                        caseId,
                        Instant.now().plusSeconds(600)),
                "asOf");
    }

    @Test
    void theOutcomeChecksumFollowsTheChecklists() {
        MemberId spouse = MemberId.newId();
        CaseId caseId = CaseId.newId();
        Caller applicant = service.as("applicant-outcome", "APPLICANT");
        Caller auditor = service.as("auditor-outcome", "AUDITOR");
        assertThat(applicant.get("/audit/outcome-checksum").status()).isEqualTo(403);
        service.kafka()
                .send(
                        Topics.APPLICATION_EVENTS,
                        registered(
                                caseId,
                                "applicant-outcome",
                                List.of(new HouseholdMember(
                                        spouse, Relationship.SPOUSE, LocalDate.of(1990, 1, 1), false))));
        awaitChecklist(caseId, applicant, body -> true);
        JsonNode opened = auditor.get("/audit/outcome-checksum").body();
        assertThat(opened.get("service").asString()).isEqualTo("document-service");
        List<String> parts = new ArrayList<>();
        opened.get("parts").forEach(part -> parts.add(part.get("name").asString()));
        assertThat(parts).containsExactly("checklists", "evidence-requests");

        assertThat(upload(applicant, caseId, spouse.toString(), "PASSPORT", pdf("outcome passport"), PDF)
                        .status())
                .isEqualTo(201);
        awaitChecklist(caseId, applicant, body -> "UPLOADED"
                .equals(item(body, spouse, "PASSPORT").get("status").asString()));

        assertThat(auditor.get("/audit/outcome-checksum")
                        .body()
                        .get("parts")
                        .get(0)
                        .get("sha256")
                        .asString())
                .as("an item's status is part of the outcome")
                .isNotEqualTo(opened.get("parts").get(0).get("sha256").asString());
    }

    // --- HTTP

    private static Response accept(Caller caller, CaseId caseId, String documentId) {
        return caller.post("/cases/{caseId}/documents/{documentId}/acceptance", null, caseId, documentId);
    }

    private static Response reject(Caller caller, CaseId caseId, String documentId, String reasonCode, String reason) {
        return caller.post(
                "/cases/{caseId}/documents/{documentId}/rejection",
                Map.of("reasonCode", reasonCode, "reason", reason),
                caseId,
                documentId);
    }

    private static byte[] content(Caller caller, CaseId caseId, String documentId) {
        return caller.rest()
                .get()
                .uri("/cases/{caseId}/documents/{documentId}/content", caseId, documentId)
                .retrieve()
                .body(byte[].class);
    }

    private static Response getChecklist(CaseId caseId, Caller caller) {
        return caller.get("/cases/{caseId}/checklist", caseId);
    }

    /** The checklist as the caller reads it, in the language {@code acceptLanguage} asks for (null: none asked). */
    private static ResponseEntity<String> checklistIn(CaseId caseId, Caller caller, String acceptLanguage) {
        return caller.rest()
                .get()
                .uri("/cases/{caseId}/checklist", caseId)
                .headers(headers -> {
                    if (acceptLanguage != null) {
                        headers.set("Accept-Language", acceptLanguage);
                    }
                })
                .retrieve()
                .toEntity(String.class);
    }

    private static JsonNode awaitChecklist(CaseId caseId, Caller caller, Predicate<JsonNode> wanted) {
        return await().atMost(ServiceHarness.PATIENCE)
                .until(
                        () -> {
                            Response response = getChecklist(caseId, caller);
                            return response.status() == 200 ? response.body() : null;
                        },
                        body -> body != null && wanted.test(body));
    }

    private static void assertInvalid(Response response, String field) {
        assertThat(response.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.problem()
                .json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactly(field);
    }

    private static Map<String, List<String>> typesByMember(JsonNode checklist) {
        Map<String, List<String>> types = new LinkedHashMap<>();
        checklist.get("members").forEach(member -> {
            List<String> memberTypes = new ArrayList<>();
            member.get("items")
                    .forEach(item -> memberTypes.add(item.get("documentType").asString()));
            types.put(member.get("memberId").asString(), memberTypes);
        });
        return types;
    }

    private static JsonNode item(JsonNode checklist, MemberId member, String type) {
        for (JsonNode m : checklist.get("members")) {
            if (m.get("memberId").asString().equals(member.toString())) {
                for (JsonNode item : m.get("items")) {
                    if (item.get("documentType").asString().equals(type)) {
                        return item;
                    }
                }
            }
        }
        throw new AssertionError("no item " + type + " for " + member);
    }

    private static JsonNode memberOf(JsonNode checklist, MemberId member) {
        for (JsonNode m : checklist.get("members")) {
            if (m.get("memberId").asString().equals(member.toString())) {
                return m;
            }
        }
        throw new AssertionError("no member " + member);
    }

    private static List<String> allStatuses(JsonNode checklist) {
        List<String> statuses = new ArrayList<>();
        checklist.get("members").forEach(member -> member.get("items")
                .forEach(item -> statuses.add(item.get("status").asString())));
        return statuses;
    }

    private static long statusCount(JsonNode checklist, String status) {
        return allStatuses(checklist).stream().filter(status::equals).count();
    }

    // --- Kafka

    /** The registration as application-service publishes it, in this test's flow. */
    private static EventEnvelope<ApplicationRegistered> registered(
            CaseId caseId, String applicantId, List<HouseholdMember> household) {
        return service.envelope(new ApplicationRegistered(caseId, applicantId, SUBMITTED_ON, household, "pt"));
    }

    /** The case's records on the document topic, in order, up to and including the first of {@code lastType}. */
    private static List<EventEnvelope<?>> awaitPublishedUntil(CaseId caseId, String lastType) {
        return service
                .kafka()
                .awaitRecords(
                        Topics.DOCUMENT_EVENTS,
                        ofCase(caseId),
                        found -> lastType.equals(
                                IntegrationEventsClient.header(found.getLast(), Topics.HEADER_EVENT_TYPE)))
                .stream()
                .<EventEnvelope<?>>map(record -> codec.decode(record.value()))
                .toList();
    }

    private static Predicate<ConsumerRecord<String, byte[]>> ofCase(CaseId caseId) {
        return record -> caseId.toString().equals(record.key());
    }

    // --- helpers

    /** The uploaded copies stored for the case (written in the upload's transaction, so rolled back with it). */
    private long storedContent(CaseId caseId) {
        return jdbc.sql("select count(*) from document_content where case_id = :caseId")
                .param("caseId", caseId.value())
                .query(Long.class)
                .single();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
