package dev.streamlog.controller.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command's writes into transactions small enough for ZooKeeper (whose default request
 * limit, {@code jute.maxbuffer}, is 1 MiB), keeping their order. A command's writes go in one
 * transaction whenever they fit; larger ones (a topic with thousands of partitions) are ordered so
 * that any prefix is a state {@link RecoveryCommands} can complete. Stateless.
 */
public final class WriteBatches {

    /** Default budget per transaction: half of ZooKeeper's default 1 MiB request limit. */
    public static final int DEFAULT_MAX_BYTES = 512 * 1024;

    private WriteBatches() {
    }

    /**
     * @param writes   the writes in order
     * @param maxBytes estimated size budget per batch; a single larger write still gets a batch of its own
     * @return consecutive, non-empty batches whose concatenation is {@code writes}
     */
    public static List<List<ZkWrite>> split(List<ZkWrite> writes, int maxBytes) {
        List<List<ZkWrite>> batches = new ArrayList<>();
        List<ZkWrite> batch = new ArrayList<>();
        int size = 0;
        for (ZkWrite write : writes) {
            int writeSize = write.estimatedSize();
            if (!batch.isEmpty() && size + writeSize > maxBytes) {
                batches.add(List.copyOf(batch));
                batch.clear();
                size = 0;
            }
            batch.add(write);
            size += writeSize;
        }
        if (!batch.isEmpty()) {
            batches.add(List.copyOf(batch));
        }
        return batches;
    }
}
