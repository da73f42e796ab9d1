package dev.streamlog.gateway.metadata;

import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicNames;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The checks every topic and partition route starts with, as {@link ApiException}s: an illegal topic name
 * (checked after URL decoding, before it is used for anything) → 400/40001; an unknown topic → 404/40401 (one
 * created a moment ago that the metadata snapshot does not show yet is waited for); a
 * partition out of range → 404/40402. Stateless.
 */
public final class Lookups {

    /** How long a topic ZooKeeper has but the snapshot does not show yet is waited for. */
    static final Duration ARRIVAL_WAIT = Duration.ofSeconds(2);

    private Lookups() {
    }

    /** The name itself, if legal. */
    public static String validTopicName(String name) {
        TopicNames.problem(name).ifPresent(problem -> {
            throw new ApiException(ErrorCode.BAD_REQUEST, problem);
        });
        return name;
    }

    /**
     * The named topic, after checking the name: from the metadata's snapshot, or, for a topic the snapshot does not
     * show yet but ZooKeeper has (created a moment ago, possibly through another gateway), once the snapshot shows
     * it (blocking for at most {@link #ARRIVAL_WAIT}). An unknown topic is 404/40401, the v2 API's code.
     */
    public static TopicView topic(ClusterMetadata metadata, String name) {
        return topic(metadata, name, ErrorCode.TOPIC_NOT_FOUND);
    }

    /** As {@link #topic(ClusterMetadata, String)}, with the given code for an unknown topic (the v3 API's 40403). */
    public static TopicView topic(ClusterMetadata metadata, String name, ErrorCode unknownCode) {
        validTopicName(name);
        Optional<TopicView> known = metadata.snapshot().topic(name);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            return metadata.awaitTopic(name, 1, ARRIVAL_WAIT)
                    .get(ARRIVAL_WAIT.toMillis() * 2, TimeUnit.MILLISECONDS)
                    .orElseThrow(() -> unknown(name, unknownCode));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unknown(name, unknownCode);
        } catch (ExecutionException | TimeoutException e) {
            throw unknown(name, unknownCode);
        }
    }

    private static ApiException unknown(String name, ErrorCode code) {
        return new ApiException(code, "topic '" + name + "' not found");
    }

    /** Checks that {@code partition} is one of the topic's partitions and returns it. */
    public static int partition(TopicView topic, int partition) {
        return partition(topic, partition, ErrorCode.PARTITION_NOT_FOUND);
    }

    /** As {@link #partition(TopicView, int)}, with the given code for a partition out of range (v3: 40403). */
    public static int partition(TopicView topic, int partition, ErrorCode unknownCode) {
        if (!topic.hasPartition(partition)) {
            throw new ApiException(unknownCode, "partition " + partition + " of topic '"
                    + topic.name() + "' not found; it has partitions 0 to " + (topic.partitionCount() - 1));
        }
        return partition;
    }
}
