package dev.streamlog.storage.partition;

import org.springframework.stereotype.Component;

/**
 * Requests waiting for a partition's high watermark to pass an offset: consumer reads at the
 * end of the committed log, and acks=all appends waiting for their records to be committed.
 * Thread-safe.
 */
@Component
public class HighWatermarkWaiters extends OffsetWaiters {

    public HighWatermarkWaiters() {
        super("high-watermark-waiters");
    }
}
