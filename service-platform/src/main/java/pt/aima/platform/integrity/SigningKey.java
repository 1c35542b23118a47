package pt.aima.platform.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's own Ed25519 key that signs its checkpoints (the JDK's built-in {@code Ed25519}). Kept in PEM: a
 * {@code PRIVATE KEY} block (PKCS#8) and a {@code PUBLIC KEY} block (X.509), as
 * {@code openssl genpkey -algorithm ed25519 -out k.pem && openssl pkey -in k.pem -pubout >> k.pem} writes them. It
 * must never be where the event store is: whoever holds both can rewrite history and sign it again.
 */
public final class SigningKey {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final PrivateKey privateKey;
    private final TrustedKey publicKey;

    private SigningKey(PrivateKey privateKey, TrustedKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new SigningKey(pair.getPrivate(), TrustedKey.of(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 15+ has Ed25519", e);
        }
    }

    public static SigningKey fromPem(String pem) {
        String privateBody = null;
        String publicBody = null;
        Matcher block = BLOCK.matcher(pem);
        while (block.find()) {
            switch (block.group(1)) {
                case "PRIVATE KEY" -> privateBody = block.group(2).replaceAll("\\s", "");
                case "PUBLIC KEY" -> publicBody = block.group(2).replaceAll("\\s", "");
                default -> {}
            }
        }
        if (privateBody == null || publicBody == null) {
            throw new IllegalArgumentException(
                    "an Ed25519 signing key needs a PRIVATE KEY and a PUBLIC KEY block in PEM");
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateBody)));
            SigningKey key = new SigningKey(privateKey, TrustedKey.fromBase64(publicBody));
            byte[] probe = "aima-key-check".getBytes(StandardCharsets.US_ASCII);
            if (!key.publicKey.verifies(probe, key.sign(probe))) {
                throw new IllegalArgumentException("the PUBLIC KEY block does not belong to the PRIVATE KEY block");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 key pair in PEM: " + e.getMessage(), e);
        }
    }

    /**
     * The key in {@code file}; if there is none and {@code create} is set, a new key written there (readable by its
     * owner only), for development: production mounts a key kept apart from the database.
     */
    public static SigningKey loadOrCreate(Path file, boolean create) {
        try {
            if (Files.exists(file)) {
                return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
            }
            if (!create) {
                throw new IllegalStateException("no checkpoint signing key at " + file
                        + " (aima.integrity.signing-key-file), and aima.integrity.generate-key is off");
            }
            SigningKey key = generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path written = Files.createTempFile(file.toAbsolutePath().getParent(), ".key", ".tmp");
            try {
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the directory's permissions apply
            }
            Files.writeString(written, key.toPem(), StandardCharsets.US_ASCII);
            try {
                Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.deleteIfExists(written);
                if (Files.exists(file)) {
                    // another instance of the service wrote it first: use that one
                    return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
                }
                throw e;
            }
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the checkpoint signing key at " + file, e);
        }
    }

    public String toPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded())
                + pem("PUBLIC KEY", publicKey.key().getEncoded());
    }

    public TrustedKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return publicKey.keyId();
    }

    public byte[] sign(byte[] statement) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(privateKey);
            ed25519.update(statement);
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with Ed25519", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId() + "]";
    }
}
