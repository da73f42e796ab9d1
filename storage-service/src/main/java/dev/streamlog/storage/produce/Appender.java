package dev.streamlog.storage.produce;

import dev.streamlog.model.internal.AppendRequest;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.storage.log.PartitionLog;
import dev.streamlog.storage.log.errors.InvalidArgumentException;
import dev.streamlog.storage.partition.AppendListener;
import dev.streamlog.storage.partition.LeaderReplica;
import dev.streamlog.storage.partition.PartitionRouter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Service;

/**
 * Appends a request's records to a partition this node leads: encodes them as batches no
 * larger than the topic's {@code max.message.bytes}, appends them all under the partition's
 * append lock (so they get consecutive offsets) in the partition's leader epoch, then tells
 * the {@link AppendListener} (waiting reads). Thread-safe.
 */
@Service
public class Appender {

    private final PartitionRouter router;
    private final AppendListener listener;

    public Appender(PartitionRouter router, AppendListener listener) {
        this.router = router;
        this.listener = listener;
    }

    /**
     * @return the offset of the first record (record i got {@code baseOffset + i}) and the epoch
     * @throws dev.streamlog.storage.partition.NotLeaderException if this node does not lead the partition
     * @throws dev.streamlog.storage.log.errors.RecordTooLargeException if one record alone exceeds the batch limit
     */
    public AppendResponse append(String topic, int partition, AppendRequest request) {
        if (request == null || request.records() == null || request.records().isEmpty()) {
            throw new InvalidArgumentException("an append needs a non-empty 'records' list");
        }
        LeaderReplica leader = router.leader(topic, partition);
        PartitionLog log = leader.replica().log();
        List<ByteBuffer> batches = BatchEncoder.encode(request.records(), log.config().maxMessageBytes());
        long baseOffset;
        ReentrantLock lock = leader.replica().appendLock();
        lock.lock();
        try {
            baseOffset = log.append(batches.get(0), leader.leaderEpoch()).baseOffset();
            for (ByteBuffer batch : batches.subList(1, batches.size())) {
                log.append(batch, leader.leaderEpoch());
            }
        } finally {
            lock.unlock();
        }
        listener.appended(leader.topicPartition(), log.logEndOffset());
        return new AppendResponse(baseOffset, leader.leaderEpoch());
    }
}
