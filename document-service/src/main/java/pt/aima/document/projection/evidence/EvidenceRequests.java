package pt.aima.document.projection.evidence;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.kernel.ids.CaseId;

/** Reads the evidence-request read model: a case's requests, and the requests that have a deadline due. */
@Component
public class EvidenceRequests {

    /** A request with something due on the day asked about. */
    public record Due(UUID caseId, String requestId) {}

    private final JdbcClient jdbc;

    EvidenceRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<EvidenceRequestView> ofCase(CaseId caseId, LocalDate today) {
        return jdbc.sql(
                        """
                select request_id, member_id, document_types, reason, requested_on, respond_by, remind_on, status,
                       reminded, received_on, aima_respond_by, aima_overdue
                from evidence_request where case_id = :caseId order by requested_at, request_id
                """)
                .param("caseId", caseId.value())
                .query((rs, n) -> {
                    String status = rs.getString("status");
                    LocalDate aimaRespondBy = rs.getObject("aima_respond_by", LocalDate.class);
                    boolean late = rs.getBoolean("aima_overdue")
                            || ("ANSWERED".equals(status) && aimaRespondBy != null && today.isAfter(aimaRespondBy));
                    return new EvidenceRequestView(
                            rs.getString("request_id"),
                            rs.getObject("member_id", UUID.class),
                            Arrays.asList(rs.getString("document_types").split(",")),
                            rs.getString("reason"),
                            rs.getObject("requested_on", LocalDate.class),
                            rs.getObject("respond_by", LocalDate.class),
                            rs.getObject("remind_on", LocalDate.class),
                            status,
                            rs.getBoolean("reminded"),
                            rs.getObject("received_on", LocalDate.class),
                            aimaRespondBy,
                            late);
                })
                .list();
    }

    /** Requests with a reminder, an expiry or a late AIMA response due on {@code today} that was not recorded yet. */
    public List<Due> dueOn(LocalDate today, int limit) {
        return jdbc.sql(
                        """
                select case_id, request_id from evidence_request
                where (status = 'OPEN' and ((not reminded and remind_on <= :today) or respond_by < :today))
                   or (status = 'ANSWERED' and not aima_overdue and aima_respond_by < :today)
                order by respond_by
                limit :limit
                """)
                .param("today", today)
                .param("limit", limit)
                .query((rs, n) -> new Due(rs.getObject("case_id", UUID.class), rs.getString("request_id")))
                .list();
    }
}
