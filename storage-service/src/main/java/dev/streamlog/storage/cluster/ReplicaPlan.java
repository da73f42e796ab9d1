package dev.streamlog.storage.cluster;

import dev.streamlog.model.TopicPartition;
import java.util.List;
import java.util.Map;

/**
 * What reconciling the local logs with the metadata should do: delete some logs, then make
 * sure each assigned replica is open with its topic's configuration and id. A log in both
 * lists belongs to an older topic of the same name: it is deleted and created afresh.
 * Immutable.
 *
 * @param deletions logs to close and delete, in partition order
 * @param replicas  replicas this node must host, in partition order
 */
record ReplicaPlan(List<TopicPartition> deletions, List<Replica> replicas) {

    ReplicaPlan {
        deletions = List.copyOf(deletions);
        replicas = List.copyOf(replicas);
    }

    /**
     * One replica to host.
     *
     * @param topicPartition the partition
     * @param topicId        its topic's id, or null when the assignment has none
     * @param configs        the topic's config overrides
     */
    record Replica(TopicPartition topicPartition, String topicId, Map<String, String> configs) {

        Replica {
            configs = Map.copyOf(configs);
        }
    }
}
