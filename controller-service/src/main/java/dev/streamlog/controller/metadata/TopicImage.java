package dev.streamlog.controller.metadata;

import dev.streamlog.model.TopicNames;
import dev.streamlog.model.cluster.TopicAssignment;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A topic's znodes as the controller knows them: the assignment znode {@code /brokers/topics/{t}}
 * with its version, whether {@code .../partitions} exists, and the partition znodes found under it
 * (normally one per assigned partition, each with a state). Immutable.
 *
 * @param name            topic name
 * @param assignment      content of the topic znode
 * @param version         ZooKeeper version of the topic znode
 * @param partitionsZnode whether {@code /brokers/topics/{t}/partitions} exists
 * @param partitions      partition number to its znodes
 */
public record TopicImage(String name, TopicAssignment assignment, int version, boolean partitionsZnode,
                         SortedMap<Integer, PartitionImage> partitions) {

    public TopicImage {
        partitions = Collections.unmodifiableSortedMap(new TreeMap<>(partitions));
    }

    /** Number of partitions in the assignment. */
    public int partitionCount() {
        return assignment.partitionCount();
    }

    /** Replicas per partition, read from partition 0 (every partition has the same count). */
    public int replicationFactor() {
        return assignment.replicas(0).size();
    }

    /** The topic's config overrides. */
    public Map<String, String> configs() {
        return assignment.configs();
    }

    /** Whether the topic is internal (its name starts with {@code __}). */
    public boolean internal() {
        return TopicNames.isInternal(name);
    }
}
