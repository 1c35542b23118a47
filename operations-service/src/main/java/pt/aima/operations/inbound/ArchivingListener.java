package pt.aima.operations.inbound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.HouseholdDeclared;
import pt.aima.kernel.codec.EventCatalogue;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.operations.archive.ArchivedEvent;
import pt.aima.operations.projection.ReadModels;
import pt.aima.platform.inbox.InboundEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Receives every case event of the platform, exactly once (the platform's inbox), keeps it in the archive as it was
 * published, and has the read models recompute its case. A poll's records are applied in one transaction, their cases'
 * locks taken first in one statement ({@link InboundEvents#processAll}, {@link ReadModels#lockCases}): a transaction
 * per record cost four statements of its own (its {@code BEGIN}, inbox row, lock and {@code COMMIT}) for each of the
 * eight events a case brings. The poll's events are archived together and each case's rows recomputed once, however
 * many of its events the poll holds ({@link ReadModels#receiveAll}). A record that cannot be read goes to this
 * service's dead-letter topic alone, the records before it committed and the partition moving on (the platform's error
 * handler).
 *
 * <p>The archive keeps what operations need and no more: of {@code ApplicationRegistered} it drops each member's date
 * of birth, nationality, residence history, date of entry and the other parent's residence (document-service's rules
 * need them, operations do not), and of {@code DocumentChecklistOpened} each item's reason in words and the facts it
 * names (the countries a member lived in; the item's document type and reason code stay), so no personal data of
 * that kind outlives the topic's retention here.
 */
@Component
class ArchivingListener {

    /**
     * Every published type but the applicant's contact and the household's personal facts (restricted topics this
     * service does not read): it needs no personal data of that kind.
     */
    static final Set<String> SUBSCRIBED = EventCatalogue.PUBLISHED.stream()
            .filter(type -> type != ApplicantContactRegistered.class && type != HouseholdDeclared.class)
            .map(type -> type.getAnnotation(PublishedEvent.class).type())
            .collect(Collectors.toUnmodifiableSet());

    private static final JsonMapper json = JsonMapper.builder().build();

    private final InboundEvents inbound;
    private final ReadModels readModels;
    private final Clock clock;

    ArchivingListener(InboundEvents inbound, ReadModels readModels, Clock clock) {
        this.inbound = inbound;
        this.readModels = readModels;
        this.clock = clock;
    }

    @KafkaListener(
            topics = {
                Topics.APPLICATION_EVENTS,
                Topics.DOCUMENT_EVENTS,
                Topics.SCHEDULING_EVENTS,
                Topics.NOTIFICATION_EVENTS
            })
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.processAll(records, SUBSCRIBED, new InboundEvents.BatchEffect() {
            private final List<ArchivedEvent> received = new ArrayList<>();

            @Override
            public void prepare(List<EventEnvelope<IntegrationEvent>> events) {
                received.clear(); // a new transaction: a batch after a failed one starts afresh
                readModels.lockCases(
                        events.stream().map(event -> event.caseId().value()).toList());
            }

            @Override
            public void apply(ConsumerRecord<String, byte[]> record, EventEnvelope<IntegrationEvent> event) {
                received.add(archived(record, event));
            }

            @Override
            public void complete() {
                readModels.receiveAll(received);
            }
        });
    }

    /** Personal facts of {@code ApplicationRegistered}'s household members that no read model here uses. */
    static final List<String> NOT_KEPT = List.of(
            "dateOfBirth", "nationality", "presentInPortugalSince", "residenceHistory", "otherParentResidesInPortugal");

    /**
     * Of each {@code DocumentChecklistOpened} item: the reason in English words and the facts it names (the countries
     * a member lived in, durations), which no read model here uses; the reason code stays.
     */
    static final List<String> CHECKLIST_ITEM_NOT_KEPT = List.of("reason", "reasonValues");

    private ArchivedEvent archived(ConsumerRecord<String, byte[]> record, EventEnvelope<IntegrationEvent> envelope) {
        JsonNode payload = json.readTree(record.value()).get("payload");
        if ("ApplicationRegistered".equals(envelope.type()) && payload.get("household") instanceof ArrayNode members) {
            drop(members, NOT_KEPT);
        }
        if ("DocumentChecklistOpened".equals(envelope.type()) && payload.get("items") instanceof ArrayNode items) {
            drop(items, CHECKLIST_ITEM_NOT_KEPT);
        }
        return new ArchivedEvent(
                record.topic(), record.partition(), record.offset(), clock.instant(), envelope, payload.toString());
    }

    private static void drop(ArrayNode elements, List<String> fields) {
        elements.forEach(element -> {
            if (element instanceof ObjectNode object) {
                fields.forEach(object::remove);
            }
        });
    }
}
