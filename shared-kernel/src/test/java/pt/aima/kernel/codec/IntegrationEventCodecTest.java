package pt.aima.kernel.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.application.AddressTitle;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionDeadlineExtended;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.MemberStayUpdated;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.application.ResidencePeriod;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.EvidenceRequested;
import pt.aima.kernel.document.RequiredDocument;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import tools.jackson.databind.json.JsonMapper;

class IntegrationEventCodecTest {

    private final IntegrationEventCodec codec = IntegrationEventCodec.platform();
    private final CaseId caseId = CaseId.newId();

    @Test
    void roundTripsAnEnvelopeWithItsPayload() {
        var registered = new ApplicationRegistered(
                caseId,
                "applicant-7",
                LocalDate.of(2024, 8, 11),
                List.of(new HouseholdMember(
                        MemberId.newId(), Relationship.MINOR_CHILD, LocalDate.of(2015, 3, 1), true)),
                "pt");
        var envelope = EventEnvelope.wrap(
                UUID.randomUUID(),
                Instant.parse("2026-11-23T10:15:30.123Z"),
                new Actor("applicant-7", "APPLICANT"),
                "corr-1",
                "req-1",
                registered);

        EventEnvelope<?> decoded = codec.decode(codec.encode(envelope));

        assertThat(decoded).isEqualTo(envelope);
    }

    @Test
    void decodesAnEnvelopeAlreadyParsedAsJsonAsItDecodesItsBytes() {
        var extended = new DecisionDeadlineExtended(caseId, "complex household", LocalDate.of(2027, 1, 15));
        var envelope =
                EventEnvelope.wrap(UUID.randomUUID(), Instant.EPOCH, Actor.system("x"), "corr-1", "req-1", extended);
        byte[] bytes = codec.encode(envelope);

        assertThat(codec.decode(JsonMapper.builder().build().readTree(bytes))).isEqualTo(codec.decode(bytes));
        assertThatThrownBy(() -> codec.decode(JsonMapper.builder().build().readTree("[1, 2]")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void roundTripsTheOptionalHouseholdFactsAndTheNewDocumentEvents() {
        var registered = new ApplicationRegistered(
                caseId,
                "applicant-7",
                LocalDate.of(2026, 8, 11),
                List.of(new HouseholdMember(
                        MemberId.newId(),
                        Relationship.SPOUSE,
                        LocalDate.of(1990, 3, 1),
                        true,
                        "BRA",
                        LocalDate.of(2024, 1, 10),
                        List.of(
                                new ResidencePeriod("BRA", LocalDate.of(1990, 3, 1), LocalDate.of(2024, 1, 9)),
                                new ResidencePeriod("PRT", LocalDate.of(2024, 1, 10), null)),
                        null)),
                "pt",
                AddressTitle.TENANT);
        var requested = new EvidenceRequested(
                caseId, "r-1", null, List.of("MODEL_4"), "The current version is needed", LocalDate.of(2026, 9, 1));

        for (var event : List.of(registered, requested)) {
            var envelope =
                    EventEnvelope.wrap(UUID.randomUUID(), Instant.EPOCH, Actor.system("x"), "corr-1", "req-1", event);
            assertThat(codec.decode(codec.encode(envelope))).isEqualTo(envelope);
        }
    }

    @Test
    void decodesARegistrationPublishedBeforeTheOptionalFieldsWithNulls() {
        byte[] old = ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"ApplicationRegistered\",\"version\":1,"
                        + "\"caseId\":\"" + caseId + "\",\"occurredAt\":\"2026-11-23T10:15:30Z\","
                        + "\"actor\":{\"subject\":\"a\",\"role\":\"APPLICANT\"},\"correlationId\":\"c\",\"causationId\":\"c\","
                        + "\"payload\":{\"caseId\":\"" + caseId
                        + "\",\"applicantId\":\"a\",\"submittedOn\":\"2026-11-23\","
                        + "\"household\":[{\"memberId\":\"" + MemberId.newId() + "\",\"relationship\":\"MINOR_CHILD\","
                        + "\"dateOfBirth\":\"2016-05-20\",\"presentInPortugal\":true}],\"preferredLanguage\":\"pt\"}}")
                .getBytes(StandardCharsets.UTF_8);

        var registered = (ApplicationRegistered) codec.decode(old).payload();

        assertThat(registered.addressTitle()).isNull();
        assertThat(registered.household().getFirst().residenceHistory()).isNull();
        assertThat(registered.household().getFirst().nationality()).isNull();
        assertThat(registered.household().getFirst().presentInPortugal()).isTrue();
        assertThat(registered.household().getFirst().stayEndsOn()).isNull();
    }

    @Test
    void roundTripsAMembersStayAndTheDeadlineAndStayEventsUnderTheirLogicalNames() {
        MemberId member = MemberId.newId();
        var registered = new ApplicationRegistered(
                caseId,
                "applicant-7",
                LocalDate.of(2026, 8, 11),
                List.of(new HouseholdMember(
                        member,
                        Relationship.SPOUSE,
                        LocalDate.of(1990, 3, 1),
                        true,
                        "BRA",
                        LocalDate.of(2025, 1, 10),
                        null,
                        null,
                        LocalDate.of(2027, 3, 1))),
                "pt");
        var extended = new DecisionDeadlineExtended(
                caseId, "The marriage abroad must be confirmed.", LocalDate.of(2027, 11, 11));
        var stay = new MemberStayUpdated(caseId, member, LocalDate.of(2027, 9, 1));

        for (var event : List.of(registered, extended, stay)) {
            var envelope =
                    EventEnvelope.wrap(UUID.randomUUID(), Instant.EPOCH, Actor.system("x"), "corr-1", "req-1", event);
            byte[] encoded = codec.encode(envelope);
            assertThat(codec.decode(encoded)).isEqualTo(envelope);
            assertThat(new String(encoded, StandardCharsets.UTF_8)).doesNotContain("pt.aima");
        }
        assertThat(new String(
                        codec.encode(EventEnvelope.wrap(
                                UUID.randomUUID(), Instant.EPOCH, Actor.system("x"), "c", "c", registered)),
                        StandardCharsets.UTF_8))
                .contains("\"stayEndsOn\":\"2027-03-01\"");
    }

    @Test
    void roundTripsAChecklistItemsReasonCodeAndValues() {
        var opened = new DocumentChecklistOpened(
                caseId,
                List.of(new RequiredDocument(
                        MemberId.newId(),
                        "CRIMINAL_RECORD",
                        "Criminal record: required from age 16 (BRA)",
                        "CRIMINAL_RECORD_ABROAD",
                        Map.of("fromAge", "16", "foreignStay", "P1Y", "countries", "BRA"))));
        var envelope =
                EventEnvelope.wrap(UUID.randomUUID(), Instant.EPOCH, Actor.system("x"), "corr-1", "req-1", opened);

        assertThat(codec.decode(codec.encode(envelope))).isEqualTo(envelope);
    }

    @Test
    void decodesAChecklistPublishedBeforeTheReasonCodeWithNoCodeAndNoValues() {
        byte[] old = ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"DocumentChecklistOpened\",\"version\":1,"
                        + "\"caseId\":\"" + caseId + "\",\"occurredAt\":\"2026-11-23T10:15:30Z\","
                        + "\"actor\":{\"subject\":\"document-service\",\"role\":\"SYSTEM\"},"
                        + "\"correlationId\":\"c\",\"causationId\":\"c\",\"payload\":{\"caseId\":\"" + caseId
                        + "\",\"items\":[{\"memberId\":\"" + MemberId.newId() + "\",\"documentType\":\"PASSPORT\","
                        + "\"reason\":\"A valid passport or travel document of the member\"}]}}")
                .getBytes(StandardCharsets.UTF_8);

        var item =
                ((DocumentChecklistOpened) codec.decode(old).payload()).items().getFirst();

        assertThat(item.documentType()).isEqualTo("PASSPORT");
        assertThat(item.reason()).isEqualTo("A valid passport or travel document of the member");
        assertThat(item.reasonCode()).isNull();
        assertThat(item.reasonValues()).isEmpty();
    }

    @Test
    void writesTheLogicalTypeNameAndIsoDatesNeverTheJavaClassName() {
        var slot = new BiometricSlotAssigned(caseId, "LISBOA-1", LocalDateTime.of(2026, 12, 1, 9, 30), 20);
        var json = new String(
                codec.encode(EventEnvelope.wrap(
                        UUID.randomUUID(), Instant.EPOCH, Actor.system("scheduling-service"), "c", "c", slot)),
                StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"type\":\"BiometricSlotAssigned\"", "\"version\":1", "\"startsAt\":\"2026-12-01T09:30:00\"")
                .contains("\"caseId\":\"" + caseId + "\"")
                .doesNotContain("pt.aima");
    }

    @Test
    void rejectsRecordsThatAreNotEnvelopes() {
        assertThatThrownBy(() -> codec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"DecisionIssued\",\"version\":1}".getBytes()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("payload");
    }

    @Test
    void tellsAnUnknownTypeApartFromAMalformedOne() {
        byte[] future = ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"ApplicationWithdrawn\",\"version\":1,"
                        + "\"payload\":{}}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decode(future))
                .isInstanceOfSatisfying(UnknownEventTypeException.class, e -> assertThat(e.type())
                        .isEqualTo("ApplicationWithdrawn"));
    }

    @Test
    void refusesAnEnvelopeWhoseCaseDiffersFromItsPayload() {
        var other = new BiometricSlotAssigned(CaseId.newId(), "LISBOA-1", LocalDateTime.now(), 20);
        assertThatThrownBy(() -> new EventEnvelope<>(
                        UUID.randomUUID(),
                        "BiometricSlotAssigned",
                        1,
                        caseId,
                        Instant.now(),
                        Actor.system("x"),
                        "c",
                        "c",
                        other))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
