package dev.streamlog.model.batch;

/**
 * Bytes that should hold record batches do not: a checksum mismatch, a length that runs past
 * the bytes given, a record whose fields disagree with its length. The message names the
 * first fault found.
 */
public final class CorruptBatchException extends RuntimeException {

    public CorruptBatchException(String message) {
        super(message);
    }
}
