package dev.streamlog.gateway.metadata;

import dev.streamlog.client.metadata.ClusterSnapshot;
import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicNames;

/**
 * The checks every topic and partition route starts with, as {@link ApiException}s: an illegal topic name
 * (checked after URL decoding, before it is used for anything) → 400/40001; an unknown topic → 404/40401; a
 * partition out of range → 404/40402. Stateless.
 */
public final class Lookups {

    private Lookups() {
    }

    /** The name itself, if legal. */
    public static String validTopicName(String name) {
        TopicNames.problem(name).ifPresent(problem -> {
            throw new ApiException(ErrorCode.BAD_REQUEST, problem);
        });
        return name;
    }

    /** The named topic, after checking the name. */
    public static TopicView topic(ClusterSnapshot snapshot, String name) {
        validTopicName(name);
        return snapshot.topic(name).orElseThrow(() ->
                new ApiException(ErrorCode.TOPIC_NOT_FOUND, "topic '" + name + "' not found"));
    }

    /** Checks that {@code partition} is one of the topic's partitions and returns it. */
    public static int partition(TopicView topic, int partition) {
        if (!topic.hasPartition(partition)) {
            throw new ApiException(ErrorCode.PARTITION_NOT_FOUND, "partition " + partition + " of topic '"
                    + topic.name() + "' not found; it has partitions 0 to " + (topic.partitionCount() - 1));
        }
        return partition;
    }
}
