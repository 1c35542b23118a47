package pt.aima.operations.projection.deadlines;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.kernel.application.DecisionDeadlineExtended;
import pt.aima.operations.archive.ArchivedEvent;
import pt.aima.operations.archive.CaseHistory;
import pt.aima.operations.casefile.CaseFile;
import pt.aima.operations.deadline.LegalClock;
import pt.aima.operations.deadline.LegalDeadline;
import pt.aima.operations.projection.CaseProjection;

/**
 * {@code ops_decision_deadline}: every registered case's legal decision deadline by the policy in force on its
 * registration date, extended by the first {@link DecisionDeadlineExtended} of its history, and the day it was decided.
 * Depends on the archived history and the configured policy only, never on the clock.
 */
@Component
class DeadlinesProjection implements CaseProjection {

    private static final Logger log = LoggerFactory.getLogger(DeadlinesProjection.class);

    /** The day of a decision, as the cases projection counts it: in mainland Portugal. */
    static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

    private final JdbcClient jdbc;
    private final LegalClock legalClock;

    DeadlinesProjection(JdbcClient jdbc, LegalClock legalClock) {
        this.jdbc = jdbc;
        this.legalClock = legalClock;
    }

    @Override
    public List<String> tables() {
        return List.of("ops_decision_deadline");
    }

    /**
     * The facts the case's row is made of (with the configured policy, which does not change while the service runs):
     * registered or not, the day of submission, the first extension, the day of the decision.
     */
    private record Facts(boolean registered, LocalDate submittedOn, Instant extendedAt, LocalDate decidedOn) {

        static Facts of(CaseHistory history, CaseFile file) {
            if (!file.registered()) {
                return new Facts(false, null, null, null);
            }
            Instant extendedAt = history.events().stream()
                    .filter(event -> event.payload() instanceof DecisionDeadlineExtended)
                    .map(ArchivedEvent::occurredAt)
                    .findFirst()
                    .orElse(null);
            return new Facts(
                    true,
                    file.registration().submittedOn(),
                    extendedAt,
                    file.decidedAt() == null
                            ? null
                            : file.decidedAt().atZone(LISBON).toLocalDate());
        }
    }

    @Override
    public boolean sameRows(CaseHistory before, CaseFile beforeFile, CaseHistory after, CaseFile afterFile) {
        return Facts.of(before, beforeFile).equals(Facts.of(after, afterFile));
    }

    @Override
    public void project(CaseHistory history, CaseFile file) {
        Facts facts = Facts.of(history, file);
        if (!facts.registered()) {
            return;
        }
        Instant extendedAt = facts.extendedAt();
        Optional<LegalDeadline> counted = legalClock.deadline(facts.submittedOn(), extendedAt);
        if (counted.isEmpty()) {
            log.warn(
                    "case {} registered on {}: no decision deadline rule was in force on that day"
                            + " (aima.deadlines.policies starts later); it has no deadline here",
                    file.caseId(),
                    facts.submittedOn());
            jdbc.sql("delete from ops_decision_deadline where case_id = :caseId")
                    .param("caseId", file.caseId())
                    .update();
            return;
        }
        LegalDeadline deadline = counted.get();
        jdbc.sql(
                        """
                        insert into ops_decision_deadline (case_id, submitted_on, rule_effective_from, rule_months,
                            rule_extension_months, original_deadline, extended_at, deadline, decided_on)
                        values (:caseId, :submittedOn, :ruleFrom, :ruleMonths, :ruleExtension, :originalDeadline,
                            :extendedAt, :deadline, :decidedOn)
                        on conflict (case_id) do update set
                            submitted_on = excluded.submitted_on, rule_effective_from = excluded.rule_effective_from,
                            rule_months = excluded.rule_months,
                            rule_extension_months = excluded.rule_extension_months,
                            original_deadline = excluded.original_deadline, extended_at = excluded.extended_at,
                            deadline = excluded.deadline, decided_on = excluded.decided_on
                        """)
                .param("caseId", file.caseId())
                .param("submittedOn", deadline.submittedOn())
                .param("ruleFrom", deadline.rule().effectiveFrom())
                .param("ruleMonths", deadline.rule().months())
                .param("ruleExtension", deadline.rule().extensionMonths())
                .param("originalDeadline", deadline.originalDeadline())
                .param("extendedAt", extendedAt == null ? null : Timestamp.from(extendedAt))
                .param("deadline", deadline.deadline())
                .param("decidedOn", facts.decidedOn())
                .update();
    }
}
