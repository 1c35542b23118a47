package pt.aima.kernel.envelope;

import pt.aima.kernel.ids.CaseId;

/**
 * A fact one service publishes for the others. Every implementation is a record annotated with {@link PublishedEvent}
 * and listed in {@link pt.aima.kernel.codec.EventCatalogue}; once published, its meaning never changes: a new meaning
 * is a new version.
 */
public interface IntegrationEvent {

    /** The case this fact belongs to; the Kafka record key, so one case's events stay in order. */
    CaseId caseId();
}
