package pt.aima.document.process.evidencedeadlines;

import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import pt.aima.document.casedocuments.CaseDocumentsCommand.CheckEvidenceDeadlines;
import pt.aima.document.projection.evidence.EvidenceRequests;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.ActingContext;

/**
 * Evidence-request deadlines that survive restarts: the open deadlines are rows of the evidence-request read model
 * (in PostgreSQL), and this poller asks each case with something due to act on it. The case decides and records each
 * step at most once, so polling again, several instances polling, or a read model lagging behind changes nothing.
 */
@Component
public class EvidenceDeadlinePoller {

    private static final Logger log = LoggerFactory.getLogger(EvidenceDeadlinePoller.class);
    private static final int BATCH = 500;

    private final EvidenceRequests requests;
    private final ActingCommandGateway commands;
    private final Clock clock;

    EvidenceDeadlinePoller(EvidenceRequests requests, ActingCommandGateway commands, Clock clock) {
        this.requests = requests;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${aima.documents.evidence.poll-interval:PT1M}",
            initialDelayString = "${aima.documents.evidence.poll-interval:PT1M}")
    void poll() {
        pollOn(LocalDate.now(clock));
    }

    /**
     * Acts on everything due on {@code today} (Europe/Lisbon).
     *
     * @return how many requests were checked
     */
    public int pollOn(LocalDate today) {
        int checked = 0;
        for (EvidenceRequests.Due due : requests.dueOn(today, BATCH)) {
            String correlation = "evidence-deadline-" + due.requestId();
            try {
                commands.send(
                        new CheckEvidenceDeadlines(new CaseId(due.caseId()), due.requestId(), today),
                        new ActingContext(Actor.system("document-service"), correlation, correlation));
                checked++;
            } catch (RuntimeException e) {
                log.warn(
                        "evidence request {} of case {}: deadline check failed; retried on the next poll",
                        due.requestId(),
                        due.caseId(),
                        e);
            }
        }
        return checked;
    }
}
