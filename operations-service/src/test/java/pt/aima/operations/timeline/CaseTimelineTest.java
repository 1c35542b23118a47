package pt.aima.operations.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.Topics;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.operations.CausalHistory;
import pt.aima.operations.ScriptedHistory.Published;
import pt.aima.operations.archive.ArchivedEvent;

class CaseTimelineTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final CausalHistory script = new CausalHistory(CaseId.newId(), START, "flow-timeline");

    private static ArchivedEvent archived(Published published, Instant receivedAt) {
        return new ArchivedEvent(published.topic(), 0, 0, receivedAt, published.envelope(), "{}");
    }

    private List<String> labelled(List<TimelineEntry> timeline) {
        return timeline.stream()
                .map(entry -> script.labelOf(entry.eventId()) + ":" + entry.depth())
                .toList();
    }

    @Test
    void listsEveryEventUnderItsCauseWhateverOrderTheyArrivedIn() {
        for (long seed = 1; seed <= 5; seed++) {
            List<ArchivedEvent> events = new ArrayList<>();
            script.events().forEach(published -> events.add(archived(published, START)));
            Collections.shuffle(events, new Random(seed));

            List<TimelineEntry> timeline = CaseTimeline.of(events, null);

            assertThat(labelled(timeline)).isEqualTo(CausalHistory.causalOrder());
        }
    }

    @Test
    void everyEntryNamesItsParentWhichComesBeforeIt() {
        List<ArchivedEvent> events = new ArrayList<>();
        script.events().forEach(published -> events.add(archived(published, START)));

        List<TimelineEntry> timeline = CaseTimeline.of(events, null);

        Set<UUID> seen = new HashSet<>();
        for (TimelineEntry entry : timeline) {
            if (entry.parentId() != null) {
                assertThat(seen).as(script.labelOf(entry.eventId())).contains(entry.parentId());
            }
            seen.add(entry.eventId());
        }
        TimelineEntry receipt = timeline.stream()
                .filter(e -> e.eventId().equals(script.eventId("receipt")))
                .findFirst()
                .orElseThrow();
        assertThat(receipt.parentId())
                .as("a notification hangs under the event it answers when its envelope names the delivery")
                .isEqualTo(script.eventId("registered"));
        assertThat(receipt.service()).isEqualTo("notification-service");
        assertThat(receipt.summary()).startsWith("Notification RECEIPT sent by EMAIL");
        assertThat(timeline.getFirst().actor()).isEqualTo(new Actor("applicant-" + script.caseId(), "APPLICANT"));
    }

    @Test
    void asOfAnInstantListsOnlyWhatWasReceivedByThenAndAnEventWhoseCauseCameLaterIsARoot() {
        Instant early = START.plusSeconds(60);
        Instant late = START.plusSeconds(3600);
        Set<String> lateOnes =
                Set.of("slot", "checklist-notice", "collected", "decision", "decision-notice", "decision-email-failed");
        List<ArchivedEvent> events = new ArrayList<>();
        script.events()
                .forEach(published -> events.add(archived(
                        published,
                        lateOnes.contains(script.labelOf(published.envelope().eventId())) ? late : early)));

        assertThat(labelled(CaseTimeline.of(events, early)))
                .containsExactly(
                        "registered:0",
                        "checklist:1",
                        "receipt:1",
                        "upload:0",
                        "accepted:0",
                        "completed:0",
                        "appointment-notice:0");
        assertThat(labelled(CaseTimeline.of(events, late))).isEqualTo(CausalHistory.causalOrder());
        assertThat(CaseTimeline.of(events, START)).isEmpty();
    }

    @Test
    void eventsWhoseCausesPointAtEachOtherAreStillListedOnce() {
        CaseId caseId = CaseId.newId();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        List<ArchivedEvent> events = List.of(
                looped(caseId, first, second, START),
                looped(caseId, second, first, START.plusSeconds(1)),
                looped(caseId, UUID.randomUUID(), UUID.randomUUID().toString(), START.plusSeconds(2)));

        List<TimelineEntry> timeline = CaseTimeline.of(events, null);

        assertThat(timeline).hasSize(3);
        assertThat(timeline).extracting(TimelineEntry::eventId).doesNotHaveDuplicates();
        assertThat(timeline.get(0).depth()).isZero();
    }

    @Test
    void anEventNamingItselfAsItsCauseIsARoot() {
        CaseId caseId = CaseId.newId();
        UUID id = UUID.randomUUID();
        List<TimelineEntry> timeline = CaseTimeline.of(List.of(looped(caseId, id, id, START)), null);
        assertThat(timeline).singleElement().satisfies(entry -> {
            assertThat(entry.parentId()).isNull();
            assertThat(entry.depth()).isZero();
            assertThat(entry.service()).isEqualTo("document-service");
        });
    }

    @Test
    void aCauseNotArchivedButPublishedFromTheSameStoredEventAsAnArchivedOneHangsUnderThatOne() {
        CaseId caseId = CaseId.newId();
        UUID registered = UUID.randomUUID();
        // document-service opens the checklist from HouseholdDeclared, the registration's second integration event,
        // on a topic operations-service does not read
        UUID householdDeclared = CaseTimeline.publishedSibling(registered, 1);
        UUID checklist = UUID.randomUUID();

        List<TimelineEntry> timeline = CaseTimeline.of(
                List.of(
                        looped(caseId, checklist, householdDeclared, START.plusSeconds(1)),
                        looped(caseId, registered, "a-request", START)),
                null);

        assertThat(timeline).extracting(TimelineEntry::eventId).containsExactly(registered, checklist);
        assertThat(timeline.get(1).parentId()).isEqualTo(registered);
        assertThat(timeline.get(1).depth()).isEqualTo(1);
    }

    private static ArchivedEvent looped(CaseId caseId, UUID id, Object cause, Instant at) {
        return new ArchivedEvent(
                Topics.DOCUMENT_EVENTS,
                0,
                0,
                at,
                EventEnvelope.wrap(
                        id,
                        at,
                        Actor.system("document-service"),
                        "flow",
                        cause.toString(),
                        new DocumentChecklistCompleted(caseId)),
                "{}");
    }
}
