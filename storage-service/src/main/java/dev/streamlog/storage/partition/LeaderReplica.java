package dev.streamlog.storage.partition;

import dev.streamlog.model.TopicPartition;

/**
 * A partition this node leads, as a request found it: the local replica and the leader epoch
 * its appends carry. Immutable.
 *
 * @param topicPartition the partition
 * @param replica        the local replica
 * @param leaderEpoch    the epoch of this node's leadership
 */
public record LeaderReplica(TopicPartition topicPartition, HostedPartition replica, int leaderEpoch) {
}
