package pt.aima.kernel.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

class SchedulingEventsCodecTest {

    private final IntegrationEventCodec codec = IntegrationEventCodec.platform();
    private final CaseId caseId = CaseId.newId();
    private final LocalDateTime nine = LocalDateTime.of(2026, 12, 1, 9, 0);

    @Test
    void roundTripsEveryNewSchedulingEvent() {
        List<IntegrationEvent> events = List.of(
                new BiometricSlotAssigned(caseId, "LISBOA-1", nine, 30, List.of(MemberId.newId(), MemberId.newId())),
                new BiometricAppointmentRescheduled(
                        caseId, "LISBOA-1", "LISBOA-1", nine, nine.plusDays(1), 30, "DESK_CLOSED", "Power cut"),
                new BiometricAppointmentMissed(
                        caseId, "LISBOA-1", nine, BiometricAppointmentMissed.Next.FLAGGED_TO_CASEWORKER),
                new CourtOrderRegistered(caseId, "123/26.0BELSB", LocalDate.of(2026, 12, 15)),
                new CourtOrderDeadlineAtRisk(
                        caseId, "123/26.0BELSB", LocalDate.of(2026, 12, 15), null, "NO_CAPACITY_BEFORE_DEADLINE"),
                new DeskCapacityChanged(
                        "PORTO-2",
                        DeskCapacityChanged.Change.CAPACITY_SET,
                        LocalDate.of(2026, 12, 1),
                        null,
                        EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY),
                        20,
                        LocalTime.of(9, 30),
                        15,
                        null,
                        Region.PORTO));
        for (IntegrationEvent event : events) {
            var envelope = EventEnvelope.wrap(
                    UUID.randomUUID(), Instant.EPOCH, Actor.system("scheduling-service"), "c", "c", event);
            assertThat(codec.decode(codec.encode(envelope))).isEqualTo(envelope);
            assertThat(Topics.of(event)).isEqualTo(Topics.SCHEDULING_EVENTS);
        }
    }

    @Test
    void aDeskChangeIsKeyedByTheDesksStreamAndNamesNoCase() {
        var closed = new DeskCapacityChanged(
                "FARO-1",
                DeskCapacityChanged.Change.CLOSED,
                LocalDate.of(2026, 12, 2),
                LocalDate.of(2026, 12, 3),
                null,
                null,
                null,
                null,
                "Strike");
        assertThat(closed.caseId()).isEqualTo(DeskCapacityChanged.streamOf("FARO-1"));
        assertThat(DeskCapacityChanged.streamOf("FARO-1")).isNotEqualTo(DeskCapacityChanged.streamOf("FARO-2"));
        String payload = codec.payloadJson(closed);
        assertThat(payload).doesNotContain("caseId").contains("\"deskId\":\"FARO-1\"");
    }

    @Test
    void aDeskChangePublishedBeforeRegionsDecodesWithoutARegion() {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"DeskCapacityChanged\",\"version\":1,"
                + "\"caseId\":\"" + DeskCapacityChanged.streamOf("FARO-1") + "\","
                + "\"occurredAt\":\"2026-11-23T10:00:00Z\","
                + "\"actor\":{\"subject\":\"operations-1\",\"role\":\"OPERATIONS\"},\"correlationId\":\"c\","
                + "\"causationId\":\"c\",\"payload\":{\"deskId\":\"FARO-1\",\"change\":\"CLOSED\","
                + "\"effectiveFrom\":\"2026-12-02\",\"effectiveUntil\":\"2026-12-03\",\"reason\":\"Strike\"}}";
        var decoded = (DeskCapacityChanged)
                codec.decode(json.getBytes(StandardCharsets.UTF_8)).payload();
        assertThat(decoded.region()).isNull();
        assertThat(decoded.reason()).isEqualTo("Strike");
    }

    @Test
    void anAppointmentPublishedBeforeMemberIdsExistedDecodesWithoutThem() {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"BiometricSlotAssigned\",\"version\":1,"
                + "\"caseId\":\"" + caseId + "\",\"occurredAt\":\"2026-11-23T10:00:00Z\","
                + "\"actor\":{\"subject\":\"scheduling-service\",\"role\":\"SYSTEM\"},\"correlationId\":\"c\","
                + "\"causationId\":\"c\",\"payload\":{\"caseId\":\"" + caseId + "\",\"deskId\":\"LISBOA-1\","
                + "\"startsAt\":\"2026-12-01T09:00:00\",\"durationMinutes\":15}}";
        var decoded = codec.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.payload()).isEqualTo(new BiometricSlotAssigned(caseId, "LISBOA-1", nine, 15));
    }
}
