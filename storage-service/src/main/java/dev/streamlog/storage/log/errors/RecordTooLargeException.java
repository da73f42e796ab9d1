package dev.streamlog.storage.log.errors;

/** A record batch is larger than the partition's {@code max.message.bytes}; nothing was written. */
public final class RecordTooLargeException extends LogException {

    private final int size;
    private final int limit;

    public RecordTooLargeException(int size, int limit) {
        super("record batch of " + size + " bytes exceeds max.message.bytes=" + limit);
        this.size = size;
        this.limit = limit;
    }

    /** The size of the rejected batch, in bytes. */
    public int size() {
        return size;
    }

    /** The limit in force, in bytes. */
    public int limit() {
        return limit;
    }
}
