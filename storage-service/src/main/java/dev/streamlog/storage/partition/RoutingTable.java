package dev.streamlog.storage.partition;

import java.util.Map;

/**
 * What this node knows about every topic at one moment, reduced to what serving a request
 * needs: each partition's leader and leader epoch, and the local replica when this node holds
 * one. Built by the metadata reconciler after it has opened the logs it names. Immutable.
 *
 * @param nodeId this node's broker id
 * @param ready  false until ZooKeeper's metadata was read once; nothing is served before
 * @param topics topic name to its partitions
 */
public record RoutingTable(int nodeId, boolean ready, Map<String, TopicRoute> topics) {

    public RoutingTable {
        topics = Map.copyOf(topics);
    }

    /** The table of a node that has not read the metadata yet. */
    public static RoutingTable notReady(int nodeId) {
        return new RoutingTable(nodeId, false, Map.of());
    }

    /**
     * One topic.
     *
     * @param topicId    the topic's id (null when the assignment carries none)
     * @param partitions partition number to its route
     */
    public record TopicRoute(String topicId, Map<Integer, PartitionRoute> partitions) {

        public TopicRoute {
            partitions = Map.copyOf(partitions);
        }
    }

    /**
     * One partition.
     *
     * @param leaderId    broker id of the leader, or {@code PartitionState.NO_LEADER}
     * @param leaderEpoch the leader's epoch (meaningless without a leader)
     * @param local       this node's replica, or null when it holds none
     */
    public record PartitionRoute(int leaderId, int leaderEpoch, HostedPartition local) {
    }
}
