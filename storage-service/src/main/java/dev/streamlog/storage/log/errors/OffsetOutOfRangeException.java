package dev.streamlog.storage.log.errors;

/**
 * An offset lies outside {@code [logStartOffset, logEndOffset]}. Carries the valid range so
 * a client can reset its position.
 */
public final class OffsetOutOfRangeException extends LogException {

    private final long offset;
    private final long logStartOffset;
    private final long logEndOffset;

    public OffsetOutOfRangeException(long offset, long logStartOffset, long logEndOffset) {
        super("offset " + offset + " is out of range; valid offsets are " + logStartOffset + " to " + logEndOffset);
        this.offset = offset;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    /** The offset that was asked for. */
    public long offset() {
        return offset;
    }

    /** The first offset the log still holds. */
    public long logStartOffset() {
        return logStartOffset;
    }

    /** The offset the next appended record will get. */
    public long logEndOffset() {
        return logEndOffset;
    }
}
