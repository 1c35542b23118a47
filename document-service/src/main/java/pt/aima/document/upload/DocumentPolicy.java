package pt.aima.document.upload;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an uploaded copy may be (policy: the current portal accepts at most 1 MB per document).
 *
 * @param maxSizeBytes the largest accepted file
 * @param acceptedMediaTypes the media types accepted, without parameters
 */
@ConfigurationProperties("aima.documents")
public record DocumentPolicy(
        @DefaultValue("1048576") long maxSizeBytes,
        @DefaultValue({"application/pdf", "image/jpeg", "image/png"}) List<String> acceptedMediaTypes) {

    public DocumentPolicy {
        if (maxSizeBytes < 1) {
            throw new IllegalArgumentException("aima.documents.max-size-bytes must be positive");
        }
        acceptedMediaTypes = acceptedMediaTypes.stream()
                .map(type -> type.trim().toLowerCase(Locale.ROOT))
                .toList();
    }

    boolean accepts(String mediaType) {
        return acceptedMediaTypes.contains(mediaType);
    }
}
