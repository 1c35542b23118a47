package pt.aima.kernel.codec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.ApplicantDataErased;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.application.DecisionDeadlineExtended;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.HouseholdDeclared;
import pt.aima.kernel.application.MemberStayUpdated;
import pt.aima.kernel.document.DocumentAccepted;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.DocumentRejected;
import pt.aima.kernel.document.DocumentUploaded;
import pt.aima.kernel.document.EvidenceReceived;
import pt.aima.kernel.document.EvidenceRequestExpired;
import pt.aima.kernel.document.EvidenceRequestReminderDue;
import pt.aima.kernel.document.EvidenceRequested;
import pt.aima.kernel.document.EvidenceResponseOverdue;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.notification.NotificationFailed;
import pt.aima.kernel.notification.NotificationSent;
import pt.aima.kernel.scheduling.BiometricAppointmentMissed;
import pt.aima.kernel.scheduling.BiometricAppointmentRescheduled;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.kernel.scheduling.CourtOrderDeadlineAtRisk;
import pt.aima.kernel.scheduling.CourtOrderRegistered;
import pt.aima.kernel.scheduling.DeskCapacityChanged;

/**
 * Every integration event type and version of the platform. A listed class is a promise: the (type, version) pair it
 * is registered under keeps its meaning forever. A new version of an event is a new record added here; the old one
 * stays for as long as any topic may hold it.
 */
public final class EventCatalogue {

    public static final List<Class<? extends IntegrationEvent>> PUBLISHED = List.of(
            ApplicationRegistered.class,
            ApplicationRegisteredV2.class,
            HouseholdDeclared.class,
            ApplicantContactRegistered.class,
            DecisionIssued.class,
            DecisionDeadlineExtended.class,
            MemberStayUpdated.class,
            ApplicantDataErased.class,
            DocumentChecklistOpened.class,
            DocumentUploaded.class,
            DocumentAccepted.class,
            DocumentRejected.class,
            DocumentChecklistCompleted.class,
            EvidenceRequested.class,
            EvidenceRequestReminderDue.class,
            EvidenceRequestExpired.class,
            EvidenceReceived.class,
            EvidenceResponseOverdue.class,
            BiometricSlotAssigned.class,
            BiometricsCollected.class,
            BiometricAppointmentRescheduled.class,
            BiometricAppointmentMissed.class,
            DeskCapacityChanged.class,
            CourtOrderRegistered.class,
            CourtOrderDeadlineAtRisk.class,
            NotificationSent.class,
            NotificationFailed.class);

    private final Map<TypeKey, Class<? extends IntegrationEvent>> byKey = new HashMap<>();

    private EventCatalogue(List<Class<? extends IntegrationEvent>> classes) {
        for (Class<? extends IntegrationEvent> type : classes) {
            PublishedEvent published = type.getAnnotation(PublishedEvent.class);
            if (published == null) {
                throw new IllegalArgumentException(type.getName() + " is not annotated with @PublishedEvent");
            }
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " must be a record: events are immutable");
            }
            TypeKey key = new TypeKey(published.type(), published.version());
            Class<?> previous = byKey.putIfAbsent(key, type);
            if (previous != null) {
                throw new IllegalArgumentException(
                        key + " is claimed by " + previous.getName() + " and " + type.getName());
            }
        }
    }

    public static EventCatalogue platform() {
        return new EventCatalogue(PUBLISHED);
    }

    public Optional<Class<? extends IntegrationEvent>> lookup(String type, int version) {
        return Optional.ofNullable(byKey.get(new TypeKey(type, version)));
    }

    public boolean knowsType(String type) {
        return byKey.keySet().stream().anyMatch(key -> key.type().equals(type));
    }

    private record TypeKey(String type, int version) {
        @Override
        public String toString() {
            return type + " v" + version;
        }
    }
}
