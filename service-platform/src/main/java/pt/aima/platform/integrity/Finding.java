package pt.aima.platform.integrity;

/**
 * One thing a verification found wrong, located as precisely as the evidence allows: the service, the aggregate and
 * sequence number (when the row or its stream tells them), the global index, the checkpoint it contradicts.
 *
 * @param aggregate the aggregate (stream) id; null when the evidence does not name it (a row that is gone)
 * @param sequence the sequence number in the stream; null when not known
 * @param globalIndex the global index; null when not known
 * @param checkpoint the checkpoint number concerned; null when none
 * @param detail what differs, in words
 */
public record Finding(
        Kind kind, String service, String aggregate, Long sequence, Long globalIndex, Long checkpoint, String detail) {

    public enum Kind {
        /** The event's bytes no longer match the hash it was stored with. */
        CONTENT_CHANGED,
        /** The event stands at another place in its stream, or in the global order, than it was stored at. */
        REORDERED,
        /** Sequence numbers of a stream are missing: events were deleted. */
        SEQUENCE_GAP,
        /** A global index a signed checkpoint covered holds no event any more. */
        EVENT_DELETED,
        /** An event stands at a global index that held none when a checkpoint was signed, and was never checkpointed. */
        EVENT_INSERTED,
        /** The event has no chain hash: it was written past the chain trigger. */
        HASH_MISSING,
        /** The store's events fold to another digest than a signed checkpoint says. */
        CHECKPOINT_MISMATCH,
        /** A checkpoint whose signature does not verify with the trusted key. */
        CHECKPOINT_FORGED,
        /** The checkpoint table and the published copy disagree, or the table lacks a published checkpoint. */
        CHECKPOINT_ALTERED,
        /**
         * A reseal statement (events whose personal fields were encrypted after they were stored) whose signature does
         * not verify with the trusted key, or whose entries do not fold to the digest it signs: the events it names are
         * checked as if it did not exist.
         */
        RESEAL_FORGED,
        /** Checkpoint numbers are missing, or a checkpoint does not continue the one before. */
        CHECKPOINT_MISSING,
        /** A row or record the verifier could not read; it went on with the next. */
        UNREADABLE
    }

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(service);
        if (aggregate != null) {
            where.append(" aggregate ").append(aggregate);
        }
        if (sequence != null) {
            where.append(" sequence ").append(sequence);
        }
        if (globalIndex != null) {
            where.append(" global index ").append(globalIndex);
        }
        if (checkpoint != null) {
            where.append(" checkpoint #").append(checkpoint);
        }
        return kind + " " + where + ": " + detail;
    }
}
