package dev.streamlog.controller.metadata;

import dev.streamlog.model.cluster.BrokerRegistration;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON of the znodes the controller reads and writes, in the shapes of
 * {@link dev.streamlog.model.cluster}. Topic znodes list partitions in numeric order and configs
 * sorted by name, so equal assignments are equal bytes. Unknown fields are ignored when reading.
 * Thread-safe.
 */
public final class ZnodeCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** {@code {"topic_id":…,"partitions":{"0":[…],…},"configs":{…}}}. */
    public String writeAssignment(TopicAssignment assignment) {
        Map<Integer, Object> numeric = new TreeMap<>();
        assignment.partitions().forEach((partition, replicas) -> numeric.put(Integer.parseInt(partition), replicas));
        Map<String, Object> partitions = new LinkedHashMap<>();
        numeric.forEach((partition, replicas) -> partitions.put(Integer.toString(partition), replicas));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic_id", assignment.topicId());
        json.put("partitions", partitions);
        json.put("configs", new TreeMap<>(assignment.configs()));
        return mapper.writeValueAsString(json);
    }

    /** {@code {"leader":…,"leader_epoch":…,"isr":[…],"controller_epoch":…}}. */
    public String writeState(PartitionState state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("leader", state.leader());
        json.put("leader_epoch", state.leaderEpoch());
        json.put("isr", state.isr());
        json.put("controller_epoch", state.controllerEpoch());
        return mapper.writeValueAsString(json);
    }

    /** @throws IllegalArgumentException when the data is not a topic assignment */
    public TopicAssignment readAssignment(String json) {
        TopicAssignment assignment = read(json, TopicAssignment.class);
        assignment.partitions().keySet().forEach(ZnodeCodec::partitionNumber);
        return assignment;
    }

    /** @throws IllegalArgumentException when the data is not a partition state */
    public PartitionState readState(String json) {
        return read(json, PartitionState.class);
    }

    /** @throws IllegalArgumentException when the data is not a broker registration */
    public BrokerRegistration readBroker(String json) {
        return read(json, BrokerRegistration.class);
    }

    /** Decodes znode bytes as UTF-8 ({@code null} reads as empty). */
    public static String text(byte[] data) {
        return data == null ? "" : new String(data, StandardCharsets.UTF_8);
    }

    private <T> T read(String json, Class<T> type) {
        try {
            T value = mapper.readValue(json, type);
            if (value == null) {
                throw new IllegalArgumentException("empty " + type.getSimpleName() + " znode");
            }
            return value;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static int partitionNumber(String key) {
        try {
            int partition = Integer.parseInt(key);
            if (partition < 0) {
                throw new IllegalArgumentException("negative partition " + key);
            }
            return partition;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("partition key '" + key + "' is not a number", e);
        }
    }
}
