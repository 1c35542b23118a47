package pt.aima.platform.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    private final SigningKey key = SigningKey.generate();

    private Checkpoint checkpoint() {
        return new Checkpoint(
                        "application-service",
                        7,
                        EventHash.sha256().digest("previous".getBytes(StandardCharsets.UTF_8)),
                        100,
                        250,
                        240,
                        List.of(97L, 99L),
                        IndexRanges.parse("98,120-125"),
                        EventHash.sha256().digest("digest".getBytes(StandardCharsets.UTF_8)),
                        Instant.parse("2026-05-01T10:15:30.123456Z"),
                        null,
                        null,
                        null)
                .signedWith(key);
    }

    @Test
    void aPublishedRecordReadsBackAsTheSameSignedStatement() {
        Checkpoint signed = checkpoint();

        Checkpoint read = Checkpoint.fromJson(signed.toJson());

        assertThat(read.sameAs(signed)).isTrue();
        assertThat(read.signedBy(key.publicKey())).isTrue();
        assertThat(read.holes().contains(122)).isTrue();
        assertThat(read.publicKey()).isEqualTo(key.publicKey().base64());
    }

    @Test
    void anyChangedFieldBreaksTheSignatureAndIsNamed() {
        Checkpoint signed = checkpoint();
        Checkpoint moved = new Checkpoint(
                signed.service(),
                signed.number(),
                signed.previousDigest(),
                signed.fromGlobalIndex(),
                signed.upToGlobalIndex() + 1,
                signed.eventCount(),
                signed.late(),
                signed.holes(),
                signed.digest(),
                signed.signedAt(),
                signed.keyId(),
                signed.publicKey(),
                signed.signature());

        assertThat(moved.signedBy(key.publicKey())).isFalse();
        assertThat(moved.differencesFrom(signed)).containsExactly("upTo");
        assertThat(signed.signedBy(SigningKey.generate().publicKey())).isFalse();
    }

    @Test
    void aRecordThatIsNotACheckpointIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Checkpoint.fromJson("{\"format\":\"something-else\"}".getBytes()))
                .hasMessageContaining("not an aima-checkpoint-v1 record");
        assertThatThrownBy(() -> Checkpoint.fromJson("not json".getBytes())).hasMessageContaining("unreadable");
    }

    @Test
    void theKeyFileIsCreatedOnceAndReadBackAsTheSameKey(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("keys").resolve("svc.pem");

        SigningKey created = SigningKey.loadOrCreate(file, true);
        SigningKey loaded = SigningKey.loadOrCreate(file, false);

        assertThat(loaded.keyId()).isEqualTo(created.keyId());
        assertThat(Files.readString(file)).contains("BEGIN PRIVATE KEY").contains("BEGIN PUBLIC KEY");
        assertThatThrownBy(() -> SigningKey.loadOrCreate(directory.resolve("none.pem"), false))
                .hasMessageContaining("generate-key is off");
        assertThat(TrustedKey.fromBase64(created.publicKey().base64()).keyId()).isEqualTo(created.keyId());
    }
}
