package dev.streamlog.storage.replica;

import dev.streamlog.model.TopicPartition;

/**
 * Where a follower stands in one partition it fetches: the leader epoch it follows and its log end, the offset it
 * fetches from. Immutable.
 *
 * @param partition   the partition
 * @param leaderEpoch the epoch of the leader the follower follows
 * @param offset      the follower's log end: it holds everything below
 */
public record FetchPosition(TopicPartition partition, int leaderEpoch, long offset) {
}
