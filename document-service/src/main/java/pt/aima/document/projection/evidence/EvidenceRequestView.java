package pt.aima.document.projection.evidence;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One evidence request as the applicant and caseworkers see it.
 *
 * @param memberId null when the request concerns the whole case
 * @param status OPEN (awaiting the applicant), ANSWERED (awaiting AIMA's verification), EXPIRED, REVIEWED
 * @param remindOn the day the applicant is reminded if the request is still open
 * @param aimaRespondBy once answered: the day AIMA should have verified the evidence by
 * @param aimaLate AIMA has not verified the evidence by {@code aimaRespondBy}
 */
public record EvidenceRequestView(
        String requestId,
        UUID memberId,
        List<String> documentTypes,
        String reason,
        LocalDate requestedOn,
        LocalDate respondBy,
        LocalDate remindOn,
        String status,
        boolean reminded,
        LocalDate receivedOn,
        LocalDate aimaRespondBy,
        boolean aimaLate) {}
