package dev.streamlog.gateway.produce;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;

/**
 * 413/41301: a record of a produce is larger, as a record batch of its own, than its topic's
 * {@code max.message.bytes}; nothing of the produce was sent. Names the record by its index in the produce, so a v3
 * produce can refuse that record alone and send the others. Immutable.
 */
final class RecordTooLargeException extends ApiException {

    private final int index;

    RecordTooLargeException(int index, String message) {
        super(ErrorCode.TOO_LARGE, message);
        this.index = index;
    }

    /** The record's index in the produce's records. */
    int index() {
        return index;
    }
}
