package dev.streamlog.model.batch;

/**
 * One record alone makes a record batch larger than the limit it is encoded for (the topic's
 * {@code max.message.bytes}), so it fits in no batch at all.
 */
public final class BatchTooLargeException extends RuntimeException {

    private final int recordIndex;
    private final int size;
    private final int limit;

    public BatchTooLargeException(int recordIndex, int size, int limit) {
        super("record " + recordIndex + " takes " + size + " bytes as a record batch of its own; the limit is "
                + limit + " (max.message.bytes)");
        this.recordIndex = recordIndex;
        this.size = size;
        this.limit = limit;
    }

    /** Index of the record in the list being encoded. */
    public int recordIndex() {
        return recordIndex;
    }

    /** Bytes of the batch holding that record alone. */
    public int size() {
        return size;
    }

    public int limit() {
        return limit;
    }
}
