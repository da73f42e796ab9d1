package dev.streamlog.storage.partition;

import dev.streamlog.model.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Wakes the requests parked on a partition when its offsets or its leadership move: follower
 * fetches on a new log end (they learn the high watermark from the answers), reads and acks=all
 * appends on a new high watermark, and everyone on a leadership change (they look again and
 * find out they must go elsewhere). Thread-safe; never blocks.
 */
@Component
public class PartitionSignals {

    private final HighWatermarkWaiters highWatermarkWaiters;
    private final LogEndWaiters logEndWaiters;

    public PartitionSignals(HighWatermarkWaiters highWatermarkWaiters, LogEndWaiters logEndWaiters) {
        this.highWatermarkWaiters = highWatermarkWaiters;
        this.logEndWaiters = logEndWaiters;
    }

    /** After records were appended on the leader: followers fetch them; the high watermark may move. */
    public void appended(HostedPartition partition) {
        logEndWaiters.advanced(partition.topicPartition(), partition.log().logEndOffset());
        if (partition.advanceHighWatermark()) {
            highWatermarkAdvanced(partition);
        }
    }

    /** After the high watermark moved up. */
    public void highWatermarkAdvanced(HostedPartition partition) {
        highWatermarkWaiters.advanced(partition.topicPartition(), partition.highWatermark());
    }

    /** After the partition's leader or epoch changed, or its replica went away. */
    public void leadershipChanged(TopicPartition tp) {
        highWatermarkWaiters.releaseAll(tp);
        logEndWaiters.releaseAll(tp);
    }
}
