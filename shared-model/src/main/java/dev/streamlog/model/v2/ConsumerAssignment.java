package dev.streamlog.model.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Partitions of a consumer instance: {@code {"partitions":[{"topic":"t","partition":0}]}}, the body of a
 * manual assignment ({@code POST …/assignments}), of a seek to the beginning or end, and the answer of
 * {@code GET …/assignments} (manual or from the group).
 *
 * @param partitions the partitions
 */
public record ConsumerAssignment(@JsonProperty("partitions") List<TopicPartitionRef> partitions) {
}
