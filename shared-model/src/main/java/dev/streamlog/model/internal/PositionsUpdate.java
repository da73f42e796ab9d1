package dev.streamlog.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a gateway delivered for a {@link PollPlan}: per partition it answered records from, the
 * offset it read from and the next offset. The coordinator moves a position only if it is still
 * where the plan started (a seek or another poll in between wins).
 *
 * @param delivered one entry per partition with records
 */
public record PositionsUpdate(@JsonProperty("delivered") List<Delivered> delivered) {

    /**
     * Records of one partition handed to the client: offsets {@code from} to {@code next - 1}.
     *
     * @param topic     the topic
     * @param partition the partition
     * @param from      where the plan said to read from
     * @param next      the offset after the last record delivered
     */
    public record Delivered(@JsonProperty("topic") String topic, @JsonProperty("partition") int partition,
                            @JsonProperty("from") long from, @JsonProperty("next") long next) {
    }
}
