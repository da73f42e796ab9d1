package dev.streamlog.model.v3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A member of a consumer group as the v3 API describes it ({@code kind} {@code KafkaConsumer}):
 * a v2 consumer instance, whose name is both its consumer id and its client id. Immutable.
 *
 * @param kind            always {@code KafkaConsumer}
 * @param metadata        its URL and resource name
 * @param clusterId       the cluster's id
 * @param consumerGroupId the group
 * @param consumerId      the instance's name
 * @param instanceId      Kafka's static group membership id: always null, there is none here
 * @param clientId        the instance's name
 * @param assignments     link to the partitions it reads
 * @param active          Streamlog's addition: whether it takes part in the assignment now
 */
public record ConsumerData(@JsonProperty("kind") String kind, @JsonProperty("metadata") ResourceMetadata metadata,
                           @JsonProperty("cluster_id") String clusterId,
                           @JsonProperty("consumer_group_id") String consumerGroupId,
                           @JsonProperty("consumer_id") String consumerId, @JsonProperty("instance_id") String instanceId,
                           @JsonProperty("client_id") String clientId, @JsonProperty("assignments") Related assignments,
                           @JsonProperty("active") boolean active) {

    public static final String KIND = "KafkaConsumer";
    public static final String LIST_KIND = "KafkaConsumerList";
}
