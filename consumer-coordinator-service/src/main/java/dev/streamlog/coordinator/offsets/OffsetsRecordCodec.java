package dev.streamlog.coordinator.offsets;

import dev.streamlog.client.security.CallerPrincipal;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.model.internal.StoredRecord;
import dev.streamlog.model.v2.ConsumerSubscription;
import dev.streamlog.model.v2.CreateConsumerRequest;
import dev.streamlog.model.v2.TopicPartitionRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The format of {@code __consumer_offsets} records: UTF-8 JSON keys and values. The key names the
 * entity (so a future compaction keeps the last value per key), the value carries the state and the
 * writer's epoch.
 * <pre>
 * offset commit  key {"v":1,"type":"offset","group":"g","topic":"t","partition":0}
 *                value {"offset":42,"metadata":"","timestamp":1700000000000,"epoch":8589934601}
 * instance       key {"v":1,"type":"instance","group":"g","instance":"c1"}
 *                value {"config":{…create request…},"owner":"User:alice","subscription":{"topics":[…]}|null,
 *                       "manual":[{"topic","partition"}]|null,"epoch":…}
 *                (no "owner", as written before instances had owners: User:ANONYMOUS)
 * instance gone  key as above, value {"removed":true,"epoch":…}
 * generation     key {"v":1,"type":"generation","group":"g"}, value {"generation":7,"epoch":…}
 * epoch marker   key {"v":1,"type":"epoch"}
 *                value {"coordinator":"4f1c…","epoch":8589934601}
 * </pre>
 * A record whose key is not JSON, has another {@code v} or an unknown {@code type} is skipped by
 * {@link #decode} (empty), so a newer writer does not stop an older reader. Thread-safe.
 */
public final class OffsetsRecordCodec {

    private static final int VERSION = 1;

    private final JsonMapper json;

    public OffsetsRecordCodec(JsonMapper json) {
        this.json = json;
    }

    /** The record to append for {@code record}, timestamped with its commit time (or now for a marker). */
    public AppendRecord encode(OffsetsRecord record, long now) {
        ObjectNode key = json.createObjectNode().put("v", VERSION);
        ObjectNode value = json.createObjectNode();
        long timestamp = now;
        if (record instanceof OffsetsRecord.OffsetCommit commit) {
            key.put("type", "offset").put("group", commit.group()).put("topic", commit.partition().topic())
                    .put("partition", commit.partition().partition());
            value.put("offset", commit.offset()).put("metadata", commit.metadata())
                    .put("timestamp", commit.timestamp()).put("epoch", commit.epoch());
            timestamp = commit.timestamp();
        } else if (record instanceof OffsetsRecord.InstanceState state) {
            key.put("type", "instance").put("group", state.group()).put("instance", state.instance());
            put(value, "config", state.config());
            value.put("owner", state.owner());
            put(value, "subscription", state.subscription());
            put(value, "manual", state.manual() == null ? null : state.manual().stream()
                    .map(partition -> new TopicPartitionRef(partition.topic(), partition.partition())).toList());
            value.put("epoch", state.epoch());
        } else if (record instanceof OffsetsRecord.InstanceRemoved removed) {
            key.put("type", "instance").put("group", removed.group()).put("instance", removed.instance());
            value.put("removed", true).put("epoch", removed.epoch());
        } else if (record instanceof OffsetsRecord.GroupGeneration generation) {
            key.put("type", "generation").put("group", generation.group());
            value.put("generation", generation.generation()).put("epoch", generation.epoch());
        } else if (record instanceof OffsetsRecord.EpochMarker marker) {
            key.put("type", "epoch");
            value.put("coordinator", marker.coordinatorId()).put("epoch", marker.epoch());
        }
        return new AppendRecord(json.writeValueAsBytes(key), json.writeValueAsBytes(value), List.of(), timestamp);
    }

    private void put(ObjectNode node, String field, Object value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.set(field, json.valueToTree(value));
        }
    }

    /** What a stored record says, or empty for a record this version does not know. */
    public Optional<OffsetsRecord> decode(StoredRecord stored) {
        if (stored.key() == null || stored.value() == null) {
            return Optional.empty();
        }
        try {
            JsonNode key = json.readTree(stored.key());
            if (key.path("v").asInt() != VERSION) {
                return Optional.empty();
            }
            JsonNode value = json.readTree(stored.value());
            return switch (key.path("type").asString()) {
                case "offset" -> Optional.of(new OffsetsRecord.OffsetCommit(key.path("group").asString(),
                        new TopicPartition(key.path("topic").asString(), key.path("partition").asInt()),
                        value.path("offset").asLong(), value.path("metadata").asString(null),
                        value.path("timestamp").asLong(), value.path("epoch").asLong()));
                case "instance" -> Optional.of(instance(key, value));
                case "generation" -> Optional.of(new OffsetsRecord.GroupGeneration(key.path("group").asString(),
                        value.path("generation").asLong(), value.path("epoch").asLong()));
                case "epoch" -> Optional.of(new OffsetsRecord.EpochMarker(value.path("coordinator").asString(),
                        value.path("epoch").asLong()));
                default -> Optional.empty();
            };
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private OffsetsRecord instance(JsonNode key, JsonNode value) {
        String group = key.path("group").asString();
        String instance = key.path("instance").asString();
        long epoch = value.path("epoch").asLong();
        if (value.path("removed").asBoolean(false)) {
            return new OffsetsRecord.InstanceRemoved(group, instance, epoch);
        }
        CreateConsumerRequest config = json.treeToValue(value.path("config"), CreateConsumerRequest.class);
        JsonNode subscription = value.path("subscription");
        JsonNode manual = value.path("manual");
        List<TopicPartition> partitions = null;
        if (manual.isArray()) {
            partitions = new ArrayList<>();
            for (JsonNode partition : manual) {
                partitions.add(new TopicPartition(partition.path("topic").asString(), partition.path("partition").asInt()));
            }
        }
        return new OffsetsRecord.InstanceState(group, instance, config,
                value.path("owner").asString(CallerPrincipal.ANONYMOUS), subscription.isObject()
                ? json.treeToValue(subscription, ConsumerSubscription.class) : null, partitions, epoch);
    }
}
