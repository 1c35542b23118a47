package pt.aima.operations.timeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import pt.aima.kernel.Topics;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.notification.NotificationFailed;
import pt.aima.kernel.notification.NotificationSent;
import pt.aima.operations.archive.ArchivedEvent;
import pt.aima.operations.archive.LogicalOrder;

/**
 * A case's whole cross-service history as one list in causal order: every event under the event that caused it.
 *
 * <p>An event's cause is the archived event its envelope names as causation; a notification whose envelope names
 * something else (the delivery that reported it) hangs under the event it answers ({@code triggeringEventId}). An
 * event whose cause is not in the archive (a REST request, a scheduled run, a command) is a root. A cause that is not
 * archived itself but was published from the same stored event as an archived one (one stored event becomes several
 * integration events: a registration is {@code ApplicationRegistered} for everyone and {@code HouseholdDeclared} on
 * a restricted topic operations-service does not read) is represented by that archived event: the relay gives the
 * first integration event the stored event's id and the k-th the name-based UUID of {@code "<id>#k"}. Roots, and the
 * children of one parent, are in {@link LogicalOrder} (occurred-at first), and the list is the tree walked depth
 * first, so every entry comes after its parent.
 */
public final class CaseTimeline {

    private static final Map<String, String> SERVICE_OF_TOPIC = Map.of(
            Topics.APPLICATION_EVENTS, "application-service",
            Topics.DOCUMENT_EVENTS, "document-service",
            Topics.SCHEDULING_EVENTS, "scheduling-service",
            Topics.NOTIFICATION_EVENTS, "notification-service",
            Topics.APPLICANT_CONTACTS, "application-service");

    /** The most integration events the relay publishes from one stored event (a registration: three). */
    private static final int MAX_PUBLISHED_PER_STORED_EVENT = 4;

    private CaseTimeline() {}

    /** The id the relay gives the {@code index}-th integration event published from the stored event {@code first}. */
    static UUID publishedSibling(UUID first, int index) {
        return UUID.nameUUIDFromBytes((first + "#" + index).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param events the case's archived events, in any order
     * @param asOf only events archived at or before it count; null for everything archived
     */
    public static List<TimelineEntry> of(Collection<ArchivedEvent> events, Instant asOf) {
        Map<UUID, ArchivedEvent> known = new LinkedHashMap<>();
        for (ArchivedEvent event : events) {
            if (asOf == null || !event.receivedAt().isAfter(asOf)) {
                known.put(event.eventId(), event);
            }
        }
        Map<UUID, UUID> siblings = new HashMap<>();
        for (UUID id : known.keySet()) {
            for (int index = 1; index <= MAX_PUBLISHED_PER_STORED_EVENT; index++) {
                siblings.putIfAbsent(publishedSibling(id, index), id);
            }
        }
        Map<UUID, List<ArchivedEvent>> children = new HashMap<>();
        List<ArchivedEvent> roots = new ArrayList<>();
        for (ArchivedEvent event : known.values()) {
            UUID parent = causeOf(event, known, siblings);
            if (parent == null) {
                roots.add(event);
            } else {
                children.computeIfAbsent(parent, id -> new ArrayList<>()).add(event);
            }
        }
        roots.sort(LogicalOrder.EVENTS);
        children.values().forEach(list -> list.sort(LogicalOrder.EVENTS));

        List<TimelineEntry> timeline = new ArrayList<>(known.size());
        Set<UUID> placed = new HashSet<>();
        walk(roots, children, timeline, placed);
        if (placed.size() < known.size()) {
            // Causes that point at each other (only corrupt data can): the earliest of each loop becomes a root.
            List<ArchivedEvent> unplaced = new ArrayList<>(known.values().stream()
                    .filter(event -> !placed.contains(event.eventId()))
                    .toList());
            unplaced.sort(LogicalOrder.EVENTS);
            for (ArchivedEvent event : unplaced) {
                if (!placed.contains(event.eventId())) {
                    walk(List.of(event), children, timeline, placed);
                }
            }
        }
        return List.copyOf(timeline);
    }

    /** The service that published events of {@code topic}. */
    public static String serviceOf(String topic) {
        return SERVICE_OF_TOPIC.getOrDefault(topic, topic);
    }

    private static void walk(
            List<ArchivedEvent> roots,
            Map<UUID, List<ArchivedEvent>> children,
            List<TimelineEntry> timeline,
            Set<UUID> placed) {
        record Visit(ArchivedEvent event, UUID parent, int depth) {}
        Deque<Visit> pending = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            pending.push(new Visit(roots.get(i), null, 0));
        }
        while (!pending.isEmpty()) {
            Visit visit = pending.pop();
            if (!placed.add(visit.event().eventId())) {
                continue;
            }
            timeline.add(entry(visit.event(), visit.parent(), visit.depth()));
            List<ArchivedEvent> below = children.getOrDefault(visit.event().eventId(), List.of());
            for (int i = below.size() - 1; i >= 0; i--) {
                pending.push(new Visit(below.get(i), visit.event().eventId(), visit.depth() + 1));
            }
        }
    }

    private static UUID causeOf(ArchivedEvent event, Map<UUID, ArchivedEvent> known, Map<UUID, UUID> siblings) {
        UUID named = uuid(event.envelope().causationId());
        if (named != null && !named.equals(event.eventId()) && known.containsKey(named)) {
            return named;
        }
        UUID sibling = named == null ? null : siblings.get(named);
        if (sibling != null && !sibling.equals(event.eventId())) {
            return sibling;
        }
        UUID answered =
                switch (event.payload()) {
                    case NotificationSent sent -> sent.triggeringEventId();
                    case NotificationFailed failed -> failed.triggeringEventId();
                    default -> null;
                };
        return answered != null && !answered.equals(event.eventId()) && known.containsKey(answered) ? answered : null;
    }

    private static UUID uuid(String id) {
        if (id == null || id.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static TimelineEntry entry(ArchivedEvent event, UUID parent, int depth) {
        IntegrationEvent payload = event.payload();
        return new TimelineEntry(
                event.eventId(),
                parent,
                depth,
                serviceOf(event.topic()),
                event.type(),
                event.envelope().version(),
                event.occurredAt(),
                event.receivedAt(),
                event.envelope().actor(),
                event.envelope().correlationId(),
                event.envelope().causationId(),
                EventSummaries.summary(event.type(), event.envelope().version(), payload));
    }
}
