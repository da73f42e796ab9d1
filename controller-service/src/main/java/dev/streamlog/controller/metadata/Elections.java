package dev.streamlog.controller.metadata;

import dev.streamlog.model.TopicPartition;
import java.util.List;

/**
 * What a leadership command changed: the partition states it wrote and, among them, the
 * partitions whose new leader came from outside the ISR (an unclean election, which may lose
 * records). Immutable.
 *
 * @param changes the states written, in write order
 * @param unclean partitions that got an unclean leader
 */
public record Elections(List<PartitionChange> changes, List<TopicPartition> unclean) {

    public Elections {
        changes = List.copyOf(changes);
        unclean = List.copyOf(unclean);
    }
}
