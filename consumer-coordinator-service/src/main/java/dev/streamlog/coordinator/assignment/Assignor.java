package dev.streamlog.coordinator.assignment;

import dev.streamlog.model.TopicPartition;
import java.util.List;
import java.util.Map;

/**
 * A server-side partition assignment strategy, chosen per group: given each member's subscribed
 * topics, each topic's partition count and the previous assignment, which partitions each member
 * gets. Every partition of a topic that at least one member subscribes to goes to exactly one
 * member subscribed to it; a member subscribed to nothing (or to topics that do not exist) gets
 * nothing. The result has an entry for every member, each list sorted by topic then partition.
 * Implementations are deterministic (the same input gives the same assignment on every
 * coordinator), stateless and thread-safe.
 */
public interface Assignor {

    /** The name a group chooses it by ({@code range}, {@code roundrobin}, {@code sticky}). */
    String name();

    /**
     * @param subscriptions   member id → the topics it subscribes to (existing or not)
     * @param partitionCounts topic → its partition count, for the topics that exist
     * @param previous        member id → the partitions it had in the previous generation (may be empty)
     */
    Map<String, List<TopicPartition>> assign(Map<String, List<String>> subscriptions,
                                             Map<String, Integer> partitionCounts,
                                             Map<String, List<TopicPartition>> previous);
}
