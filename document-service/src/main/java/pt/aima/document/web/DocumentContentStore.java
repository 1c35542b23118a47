package pt.aima.document.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;

/**
 * The uploaded bytes, one row per version, kept beside the event store: events carry only the digest. Rows are written
 * in the transaction of the upload command, so a refused upload leaves no content behind.
 *
 * <p>It lives in {@code web} because only the upload and content endpoints use it: it is the upload's payload, not a
 * read model (nothing here is rebuilt from events, so it does not belong under {@code projection}), and the domain
 * never sees the bytes.
 */
@Component
class DocumentContentStore {

    record StoredContent(String mediaType, String sha256, byte[] content) {}

    private final JdbcClient jdbc;

    DocumentContentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void store(
            DocumentId documentId, CaseId caseId, String sha256, String mediaType, byte[] content, Instant uploadedAt) {
        jdbc.sql(
                        """
                insert into document_content (document_id, case_id, sha256, size, media_type, content, uploaded_at)
                values (:documentId, :caseId, :sha256, :size, :mediaType, :content, :uploadedAt)
                """)
                .param("documentId", documentId.value())
                .param("caseId", caseId.value())
                .param("sha256", sha256)
                .param("size", content.length)
                .param("mediaType", mediaType)
                .param("content", content)
                .param("uploadedAt", uploadedAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    Optional<StoredContent> find(CaseId caseId, DocumentId documentId) {
        return jdbc.sql(
                        """
                select media_type, sha256, content from document_content
                where case_id = :caseId and document_id = :documentId
                """)
                .param("caseId", caseId.value())
                .param("documentId", documentId.value())
                .query((rs, row) ->
                        new StoredContent(rs.getString("media_type"), rs.getString("sha256"), rs.getBytes("content")))
                .optional();
    }
}
