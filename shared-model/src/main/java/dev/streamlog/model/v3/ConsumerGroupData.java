package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A consumer group as the v3 API describes it ({@code kind} {@code KafkaConsumerGroup}), its
 * members and lag summary linked as Confluent links them. Confluent's {@code coordinator} link
 * (to the broker coordinating the group) is absent: Streamlog's group coordinators are a service
 * of their own, not brokers. Immutable.
 *
 * @param kind                 always {@code KafkaConsumerGroup}
 * @param metadata             its URL and resource name
 * @param clusterId            the cluster's id
 * @param consumerGroupId      the group
 * @param isSimple             always false: every group here has members managed by a coordinator
 * @param partitionAssignor    {@code range}, {@code roundrobin} or {@code sticky}, or null before the first member
 * @param state                Kafka's group state as Confluent names it: {@code STABLE} while a member takes part,
 *                             else {@code EMPTY}
 * @param type                 always {@code CLASSIC}: members join through the coordinator's assignment
 * @param isMixedConsumerGroup always false
 * @param consumers            link to its members
 * @param lagSummary           link to its lag summary
 */
public record ConsumerGroupData(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                                @JsonProperty("cluster_id") String clusterId,
                                @JsonProperty("consumer_group_id") String consumerGroupId,
                                @JsonProperty("is_simple") boolean isSimple,
                                @JsonProperty("partition_assignor") String partitionAssignor,
                                @JsonProperty("state") String state, @JsonProperty("type") String type,
                                @JsonProperty("is_mixed_consumer_group") boolean isMixedConsumerGroup,
                                @JsonProperty("consumers") Related consumers,
                                @JsonProperty("lag_summary") Related lagSummary) {

    public static final String KIND = "KafkaConsumerGroup";
    public static final String LIST_KIND = "KafkaConsumerGroupList";
    public static final String TYPE_CLASSIC = "CLASSIC";
}
