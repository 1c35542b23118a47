package pt.aima.document.casedocuments;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The leading bytes that files of the common document formats start with: a file declared as a PDF must be one, so a
 * caseworker never opens something else under a document's name.
 */
public final class ContentSignature {

    private static final Map<String, byte[]> SIGNATURES = Map.of(
            "application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'},
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
            "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});

    private ContentSignature() {}

    /** Whether the content matches its declared media type; types without a known signature always match. */
    public static boolean matches(String mediaType, byte[] content) {
        return Optional.ofNullable(SIGNATURES.get(mediaType))
                .map(signature -> content.length >= signature.length
                        && Arrays.equals(content, 0, signature.length, signature, 0, signature.length))
                .orElse(true);
    }
}
