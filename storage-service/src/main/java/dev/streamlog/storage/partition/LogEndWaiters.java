package dev.streamlog.storage.partition;

import org.springframework.stereotype.Component;

/**
 * Follower fetches waiting at the end of a leader's log for the next append (or for the high
 * watermark to move, which releases them all so followers learn it). Thread-safe.
 */
@Component
public class LogEndWaiters extends OffsetWaiters {

    public LogEndWaiters() {
        super("log-end-waiters");
    }
}
