package pt.aima.document.process.erasure;

import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentDataErased;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.privacy.PersonalDataKeys;
import pt.aima.platform.privacy.PersonalDataSerializer;

/**
 * Destroys document-service's copies of an erased applicant's personal data in the transaction that records the
 * erasure: a <b>subscribing</b> processing group (registered in {@code config.CaseDocumentsConfiguration}), so the
 * erasure commits with its effects or not at all, and nothing replays it.
 *
 * <ul>
 *   <li>the uploaded contents of the case: the bytes are deleted, the row keeps digest, size and type;
 *   <li>the applicant's data key in this service: every checklist reason stored under it (the countries the members
 *       lived in) reads as erased from then on, in the event store, its snapshots and the processors' dead letters;
 *   <li>the case's data key in this service: every note a caseworker wrote about the case (a rejection's, an evidence
 *       request's) reads as erased alike.
 * </ul>
 *
 * The checklist's and the evidence requests' rows are erased by their own projections, in event order.
 */
@Component
@ProcessingGroup(DocumentDataErasure.PROCESSING_GROUP)
public class DocumentDataErasure {

    public static final String PROCESSING_GROUP = "document-data-erasure";

    private final JdbcClient jdbc;
    private final PersonalDataKeys keys;

    DocumentDataErasure(JdbcClient jdbc, PersonalDataKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    @EventHandler
    void on(
            DocumentDataErased event,
            @Timestamp Instant at,
            @MetaDataValue(ActingContext.ACTOR_SUBJECT) String erasedBy) {
        jdbc.sql(
                        """
                update document_content set content = null, erased_at = :at
                where case_id = :caseId and erased_at is null
                """)
                .param("caseId", event.caseId().value())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
        String by = erasedBy == null ? "document-service" : erasedBy;
        // false when another of the applicant's cases destroyed it first: nothing left to do
        keys.erase(event.applicantId(), event.legalBasis(), by, at);
        // the caseworkers' rejection and evidence notes, stored under the case's key (@DataSubject(indirect = true))
        keys.erase(PersonalDataSerializer.caseSubject(event.caseId()), event.legalBasis(), by, at);
    }
}
