package dev.streamlog.storage.partition;

import dev.streamlog.model.TopicPartition;

/** Told after records were appended to a partition, e.g. to answer reads waiting for them. Implementations must be thread-safe. */
@FunctionalInterface
public interface AppendListener {

    /**
     * Records up to {@code endOffset} (exclusive) are now readable in {@code partition}.
     * Called on the appending thread; must not block.
     */
    void appended(TopicPartition partition, long endOffset);
}
