package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A consumer group as the v3 API describes it ({@code kind} {@code KafkaConsumerGroup}), with its
 * members embedded (Confluent links them; we answer them in place).
 *
 * @param kind              always {@code KafkaConsumerGroup}
 * @param metadata          its URL and resource name
 * @param clusterId         the cluster's id
 * @param consumerGroupId   the group
 * @param isSimple          always false: every group here has members managed by a coordinator
 * @param partitionAssignor {@code range}, {@code roundrobin} or {@code sticky}
 * @param state             {@code Stable} while a member takes part, else {@code Empty}
 * @param consumers         its instances and what each reads
 */
public record ConsumerGroupData(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                                @JsonProperty("cluster_id") String clusterId,
                                @JsonProperty("consumer_group_id") String consumerGroupId,
                                @JsonProperty("is_simple") boolean isSimple,
                                @JsonProperty("partition_assignor") String partitionAssignor,
                                @JsonProperty("state") String state,
                                @JsonProperty("consumers") List<ConsumerData> consumers) {

    public static final String KIND = "KafkaConsumerGroup";
    public static final String LIST_KIND = "KafkaConsumerGroupList";

    /**
     * One member.
     *
     * @param consumerId  the instance's name
     * @param active      whether it takes part in the assignment now
     * @param assignments the partitions it reads
     */
    public record ConsumerData(@JsonProperty("consumer_id") String consumerId, @JsonProperty("active") boolean active,
                               @JsonProperty("assignments") List<Assignment> assignments) {
    }

    /** A partition a member reads. */
    public record Assignment(@JsonProperty("topic_name") String topicName,
                             @JsonProperty("partition_id") int partitionId) {
    }
}
