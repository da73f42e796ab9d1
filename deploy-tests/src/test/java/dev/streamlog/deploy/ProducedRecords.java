package dev.streamlog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A ledger of what a test produced to one topic through the gateway: record {@code i} has key {@code "k<i>"}
 * and value {@code {"n":i}}; each is either acknowledged (at the partition and offset the answer named) or
 * failed (an error entry, an error answer or no answer at all, so it may or may not have been written).
 * {@link #assertReadBack} then applies the "nothing lost" rules to what a consumer read.
 *
 * <p>Not thread-safe (one producing thread).
 */
final class ProducedRecords {

    /** Where an acknowledged record was placed. */
    private record Placement(int partition, long offset) {
    }

    private final GatewayApi gateway;
    private final String topic;
    private final Map<String, Placement> acknowledged = new HashMap<>();
    private final Set<String> failed = new HashSet<>();
    private int next;

    ProducedRecords(GatewayApi gateway, String topic) {
        this.gateway = gateway;
        this.topic = topic;
    }

    /**
     * Produces the next {@code count} records in one request (acks=all, the default); returns how many were
     * acknowledged.
     */
    int produceBatch(int count) {
        List<String> keys = new ArrayList<>(count);
        StringBuilder body = new StringBuilder("{\"records\":[");
        for (int i = next; i < next + count; i++) {
            String key = "k" + i;
            keys.add(key);
            body.append(i == next ? "" : ",").append("{\"key\":\"").append(key).append("\",\"value\":")
                    .append(valueOf(i)).append('}');
        }
        next += count;
        HttpResult answer;
        try {
            answer = gateway.produce(topic, Http.KAFKA_JSON, body.append("]}").toString());
        } catch (Http.HttpTransportException e) {
            failed.addAll(keys);
            return 0;
        }
        if (answer.status() != 200) {
            failed.addAll(keys);
            return 0;
        }
        JsonNode offsets = answer.json().path("offsets");
        assertThat(offsets.size()).as("one offsets entry per record: %s", answer).isEqualTo(count);
        int acked = 0;
        for (int i = 0; i < count; i++) {
            JsonNode entry = offsets.path(i);
            if (entry.path("error_code").isNull() || entry.path("error_code").isMissingNode()) {
                acknowledged.put(keys.get(i),
                        new Placement(entry.path("partition").asInt(), entry.path("offset").asLong()));
                acked++;
            } else {
                failed.add(keys.get(i));
            }
        }
        return acked;
    }

    /** How many records were acknowledged so far. */
    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** How many records failed (and may or may not have been written). */
    int failedCount() {
        return failed.size();
    }

    /** Whether {@code records} hold every acknowledged record (to stop reading once they do). */
    boolean allAcknowledgedIn(List<ConsumedRecord> records) {
        Set<String> seen = new HashSet<>();
        records.forEach(record -> seen.add(record.key()));
        return seen.containsAll(acknowledged.keySet());
    }

    /**
     * The "nothing lost" rules over what a consumer read from the whole topic: every acknowledged record is
     * there at the partition and offset its acknowledgement named, with its key and value; nothing else is
     * there but failed records, each at most once.
     */
    void assertReadBack(List<ConsumedRecord> records) {
        Map<String, Integer> failedSeen = new HashMap<>();
        Set<String> ackedSeen = new HashSet<>();
        for (ConsumedRecord record : records) {
            String key = String.valueOf(record.key());
            assertThat(key).as("a record this test produced: %s", record).matches("k\\d+");
            assertThat(record.value()).as("value of %s", record).isEqualTo(valueOf(Integer.parseInt(key.substring(1))));
            Placement placement = acknowledged.get(key);
            if (placement != null) {
                assertThat(new Placement(record.partition(), record.offset())).as("where %s was acknowledged", key)
                        .isEqualTo(placement);
                ackedSeen.add(key);
            } else {
                assertThat(failed).as("a record read back that was neither acknowledged nor failed: %s", record)
                        .contains(key);
                assertThat(failedSeen.merge(key, 1, Integer::sum)).as("a failed write seen at most once: %s", key)
                        .isEqualTo(1);
            }
        }
        assertThat(ackedSeen).as("every acknowledged record read back").hasSize(acknowledged.size());
    }

    private static String valueOf(int i) {
        return "{\"n\":" + i + "}";
    }
}
