package pt.aima.document;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.MultipartBodyBuilder;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import tools.jackson.databind.JsonNode;

/**
 * The one request of document-service the harness's JSON helpers do not cover: an upload, a multipart form of the
 * file, the member and the document type. Sent with the caller's token and correlation id.
 */
final class Uploads {

    private Uploads() {}

    static Response upload(
            Caller caller, CaseId caseId, String memberId, String documentType, byte[] content, String mediaType) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(content) {
                    @Override
                    public String getFilename() {
                        return "document";
                    }
                })
                .contentType(MediaType.parseMediaType(mediaType));
        parts.part("memberId", memberId);
        parts.part("documentType", documentType);
        ResponseEntity<JsonNode> response = caller.rest()
                .post()
                .uri("/cases/{caseId}/documents", caseId)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts.build())
                .retrieve()
                .toEntity(JsonNode.class);
        return new Response(response.getStatusCode().value(), response.getHeaders(), response.getBody());
    }

    /** A small document that passes the service's PDF check, different for every {@code text}. */
    static byte[] pdf(String text) {
        return ("%PDF-1.7\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }
}
