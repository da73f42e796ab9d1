package dev.streamlog.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The content of a topic's znode {@code /brokers/topics/{t}}:
 * {@code {"topic_id":"…","partitions":{"0":[1,2,3],"1":[2,3,1]},"configs":{"retention.ms":"86400000"}}}.
 * Written by the controller only. The first replica of each list is the partition's preferred leader.
 *
 * @param topicId    random id given at creation, so a re-created topic of the same name is a different topic
 * @param partitions replica broker ids per partition number (as a decimal string key, as Kafka writes it)
 * @param configs    topic-level config overrides (Kafka property names)
 */
public record TopicAssignment(@JsonProperty("topic_id") String topicId,
                              @JsonProperty("partitions") Map<String, List<Integer>> partitions,
                              @JsonProperty("configs") Map<String, String> configs) {

    public TopicAssignment {
        partitions = partitions == null ? Map.of() : Map.copyOf(partitions);
        configs = configs == null ? Map.of() : Map.copyOf(configs);
    }

    /** How many partitions the topic has (they are numbered 0 to count - 1). */
    public int partitionCount() {
        return partitions.size();
    }

    /** The replicas of one partition, preferred leader first; empty if there is no such partition. */
    public List<Integer> replicas(int partition) {
        return partitions.getOrDefault(Integer.toString(partition), List.of());
    }
}
