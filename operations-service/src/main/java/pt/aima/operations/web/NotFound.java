package pt.aima.operations.web;

import java.net.URI;

/** A queue, a stage or a case the API does not know (HTTP 404 with its problem type). */
class NotFound extends RuntimeException {

    static final URI UNKNOWN_QUEUE = URI.create("https://aima.gov.pt/problems/unknown-queue");
    static final URI UNKNOWN_STAGE = URI.create("https://aima.gov.pt/problems/unknown-stage");

    private final URI type;
    private final String title;

    private NotFound(URI type, String title, String detail) {
        super(detail);
        this.type = type;
        this.title = title;
    }

    static NotFound queue(String name, String known) {
        return new NotFound(UNKNOWN_QUEUE, "Unknown queue", "No queue '" + name + "'; the queues are " + known + ".");
    }

    static NotFound stage(String name, String known) {
        return new NotFound(UNKNOWN_STAGE, "Unknown stage", "No stage '" + name + "'; the stages are " + known + ".");
    }

    URI type() {
        return type;
    }

    String title() {
        return title;
    }
}
