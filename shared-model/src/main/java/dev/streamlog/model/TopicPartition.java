package dev.streamlog.model;

/**
 * One partition of one topic. Immutable and thread-safe.
 *
 * @param topic     the topic name (see {@link TopicNames})
 * @param partition the partition number, from 0
 */
public record TopicPartition(String topic, int partition) {

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
