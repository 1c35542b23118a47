package pt.aima.kernel.scheduling;

import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/** The household's biometrics were collected at the desk and the originals seen. */
@PublishedEvent(type = "BiometricsCollected", version = 1)
public record BiometricsCollected(CaseId caseId, String deskId) implements SchedulingEvent {}
