package pt.aima.platform.integrity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A service's public Ed25519 checkpoint key, as a verifier holds it: checkpoints whose signature it verifies were
 * signed by whoever holds the matching private key, and by no one else.
 *
 * @param keyId the first 16 bytes of the SHA-256 of the key's X.509 encoding, in hex; every checkpoint names it
 */
public record TrustedKey(String keyId, PublicKey key) {

    public static TrustedKey of(PublicKey key) {
        return new TrustedKey(idOf(key.getEncoded()), key);
    }

    /** The key as {@link #base64()} writes it (X.509 SubjectPublicKeyInfo, base64), or the body of a PEM block. */
    public static TrustedKey fromBase64(String base64) {
        String text = base64;
        int block = text.indexOf("-----BEGIN PUBLIC KEY-----");
        if (block >= 0) {
            // a PEM file that may hold the private key too: only its public block
            int end = text.indexOf("-----END PUBLIC KEY-----", block);
            text = text.substring(block, end < 0 ? text.length() : end);
        }
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
            return of(key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509, base64): " + e.getMessage(), e);
        }
    }

    /** The key's X.509 encoding in base64: what {@code GET /audit/integrity} and every checkpoint record publish. */
    public String base64() {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public boolean verifies(byte[] statement, byte[] signature) {
        if (signature == null) {
            return false;
        }
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update(statement);
            return ed25519.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String idOf(byte[] encodedPublicKey) {
        return EventHash.hex(Arrays.copyOf(EventHash.sha256().digest(encodedPublicKey), 16));
    }
}
