package pt.aima.operations.projection.queues;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueueItemTest {

    private static final Instant UPLOADED = Instant.parse("2026-12-01T11:00:00Z");

    private static QueueItem.DocumentAwaitingVerification uploaded() {
        return new QueueItem.DocumentAwaitingVerification(
                UUID.randomUUID(),
                "PORTO",
                LocalDate.of(2025, 3, 1),
                "SEF-RF-2025-0000001",
                UUID.randomUUID(),
                UUID.randomUUID(),
                "PASSPORT",
                UPLOADED,
                0,
                0);
    }

    @Test
    void aDocumentsWaitIsMeasuredToTheMomentAskedFor() {
        QueueItem.DocumentAwaitingVerification kept = uploaded().waitedUntil(UPLOADED.plusSeconds(3_599));
        assertThat(kept.waitedHours()).isZero();

        QueueItem.DocumentAwaitingVerification later = kept.waitedUntil(Instant.parse("2026-12-03T12:30:00Z"));
        assertThat(later.waitedHours()).isEqualTo(49);
        assertThat(later.waitedDays()).isEqualTo(2);
        assertThat(later.uploadedAt()).isEqualTo(UPLOADED);
        assertThat(later.documentId()).isEqualTo(kept.documentId());
        // a clock behind the upload (another instance's) never makes a negative wait
        assertThat(kept.waitedUntil(UPLOADED.minusSeconds(60)).waitedHours()).isZero();
    }
}
