package pt.aima.operations.timing;

import java.time.Instant;
import java.util.Objects;

/**
 * When a decided case passed each milestone, as the occurred-at of the events that say so (the first registration,
 * the first completion of its checklist, the first collection of its biometrics, the first decision).
 *
 * @param origin PORTAL or SEF_IMPORT
 * @param checklistCompletedAt null if the case was decided without a complete checklist
 * @param biometricsCollectedAt null if it was decided without collected biometrics
 */
public record Milestones(
        String region,
        String origin,
        Instant registeredAt,
        Instant checklistCompletedAt,
        Instant biometricsCollectedAt,
        Instant decidedAt) {

    public Milestones {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
