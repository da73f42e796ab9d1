package dev.streamlog.storage.replica;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.partition.Leadership;
import java.util.List;

/** Where a leader writes its partition's ISR: the state znode, with a version check. Implementations are thread-safe. */
public interface IsrStore {

    /**
     * Writes {@code current} with {@code isr} as the partition's state if the state znode is
     * still at {@code current.zkVersion()}.
     *
     * @return the leadership as written (new znode version)
     * @throws IsrConflictException if the znode changed meanwhile; carries what it holds now
     * @throws RuntimeException     if ZooKeeper could not be written (the outcome is then unknown)
     */
    Leadership writeIsr(TopicPartition tp, Leadership current, List<Integer> isr);
}
