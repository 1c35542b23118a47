package pt.aima.platform.operations;

import org.springframework.boot.health.contributor.Status;

/**
 * The health status of a service that works but holds something an operator must look at (a dead letter, a skipped
 * event). It answers HTTP 200 (the orchestrator must not restart a service for it) and ranks between DOWN and UP
 * ({@code management.endpoint.health.status.order} in the platform defaults).
 */
public final class OperationsHealth {

    public static final Status DEGRADED = new Status("DEGRADED", "needs an operator; see the details");

    private OperationsHealth() {}
}
