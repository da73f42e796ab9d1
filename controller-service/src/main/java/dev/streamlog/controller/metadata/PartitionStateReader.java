package dev.streamlog.controller.metadata;

import java.util.SortedMap;

/**
 * Reads partition state znodes as they are now, for answers that must not use the controller's
 * image (partition leaders change the ISR without the controller). Implementations are thread-safe.
 */
public interface PartitionStateReader {

    /**
     * The current state znodes of a topic's partitions.
     *
     * @param topic      the topic
     * @param partitions how many partitions it has (numbers 0 to {@code partitions - 1} are read)
     * @return partition number to its state and version; {@link PartitionImage#WITHOUT_STATE} for
     *         a partition without a state znode
     * @throws AdminException with {@link dev.streamlog.model.ErrorCode#RETRIABLE} when ZooKeeper cannot be read
     */
    SortedMap<Integer, PartitionImage> read(String topic, int partitions);
}
