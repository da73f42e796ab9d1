package dev.streamlog.coordinator.config;

import dev.streamlog.support.cluster.ClusterClientTimeouts;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the consumer coordinator, prefix {@code streamlog.coordinator}. Immutable.
 *
 * @param advertisedHost               the host other services reach this coordinator on (its URL in
 *                                     ZooKeeper is {@code http://host:port}). Default 127.0.0.1
 * @param offsetsTopicPartitions       partitions of {@code __consumer_offsets} when this coordinator creates
 *                                     it; an existing topic keeps its count. Default 16
 * @param offsetsTopicReplicationFactor its replication factor when created: the topic is created once that
 *                                     many storage nodes are registered, never with fewer replicas (Kafka's
 *                                     {@code offsets.topic.replication.factor}). Set it to the number of
 *                                     storage nodes when there are fewer than 3. Default 3
 * @param storageTimeout               connect and request timeout of every call to a storage node (an
 *                                     acks=all append of commits waits at most this). Default 15s
 * @param controllerTimeout            connect and request timeout of the call that creates
 *                                     {@code __consumer_offsets}. Default 10s
 * @param ownershipCheckInterval       how often the leases on {@code __consumer_offsets} partitions are
 *                                     checked besides on every ZooKeeper change. Default 2s
 * @param loadTimeout                  how long loading one partition (replaying it) may take before the
 *                                     lease is given up and tried again. Default 60s
 * @param membershipCheckInterval      how often consumer timeouts and subscription coverage (new
 *                                     partitions, new matching topics) are checked. Default 500ms
 * @param deliveryTimeout              how long an append to {@code __consumer_offsets} keeps asking the partition's
 *                                     leader again while it is unavailable for a reason that clears by itself (a
 *                                     leader being elected or restarting). Default 5s
 */
@ConfigurationProperties("streamlog.coordinator")
public record CoordinatorProperties(@DefaultValue("127.0.0.1") String advertisedHost,
                                    @DefaultValue("16") int offsetsTopicPartitions,
                                    @DefaultValue("3") int offsetsTopicReplicationFactor,
                                    @DefaultValue("15s") Duration storageTimeout,
                                    @DefaultValue("10s") Duration controllerTimeout,
                                    @DefaultValue("2s") Duration ownershipCheckInterval,
                                    @DefaultValue("60s") Duration loadTimeout,
                                    @DefaultValue("500ms") Duration membershipCheckInterval,
                                    @DefaultValue("5s") Duration deliveryTimeout)
        implements ClusterClientTimeouts {

    public CoordinatorProperties {
        requirePositive("offsets-topic-partitions", offsetsTopicPartitions);
        requirePositive("offsets-topic-replication-factor", offsetsTopicReplicationFactor);
        requirePositive("storage-timeout", storageTimeout.toMillis());
        requirePositive("controller-timeout", controllerTimeout.toMillis());
        requirePositive("ownership-check-interval", ownershipCheckInterval.toMillis());
        requirePositive("load-timeout", loadTimeout.toMillis());
        requirePositive("membership-check-interval", membershipCheckInterval.toMillis());
        requirePositive("delivery-timeout", deliveryTimeout.toMillis());
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("streamlog.coordinator." + name + " must be positive");
        }
    }
}
