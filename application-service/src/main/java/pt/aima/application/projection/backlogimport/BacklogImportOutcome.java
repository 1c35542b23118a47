package pt.aima.application.projection.backlogimport;

import java.util.List;
import org.springframework.stereotype.Component;
import pt.aima.platform.audit.OutcomePart;
import pt.aima.platform.audit.OutcomeParts;

/**
 * The imports' part of application-service's outcome checksum: each import's file (SHA-256), result and counts, and
 * the problems it reported (line, legacy number, code). Import ids, operators and times are left out: they differ
 * between an original run and its reproduction; so are the problems' wordings, which may quote an exception.
 */
@Component
class BacklogImportOutcome implements OutcomeParts {

    @Override
    public List<OutcomePart> outcomeParts() {
        return List.of(
                new OutcomePart(
                        "backlog-imports",
                        "every import: file SHA-256, status, size, lines, cases, registered, already registered,"
                                + " rejected cases",
                        """
                        select sha256, status, size_bytes, lines, cases, registered, already_registered, rejected_cases
                        from backlog_import
                        order by sha256, status, lines, cases, registered, already_registered, rejected_cases
                        """),
                new OutcomePart(
                        "backlog-import-problems",
                        "every problem an import reported: file SHA-256, line, legacy number, code",
                        """
                        select i.sha256, p.line, p.legacy_number, p.code
                        from backlog_import_problem p join backlog_import i on i.import_id = p.import_id
                        order by i.sha256, p.line, p.legacy_number, p.code
                        """));
    }
}
