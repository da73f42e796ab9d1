package dev.streamlog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.it.kit.Await;
import dev.streamlog.it.kit.GatewayApi;
import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * One consumer instance of a group, through the gateway's v2 consumer API: JSON format, reading from the
 * earliest offset, subscribed to one topic. While it reads it checks that the offsets it is given in each
 * partition strictly increase.
 *
 * <p>Not thread-safe (one reading thread).
 */
final class GroupReader {

    private static final String CREATE_BODY = "{\"name\":\"%s\",\"format\":\"json\",\"auto.offset.reset\":\"earliest\","
            + "\"auto.commit.enable\":\"false\"}";

    private final Http http;
    private final String instanceUrl;
    private final List<ConsumedRecord> read = new ArrayList<>();
    private final Map<Integer, Long> lastOffsets = new HashMap<>();

    private GroupReader(Http http, String instanceUrl) {
        this.http = http;
        this.instanceUrl = instanceUrl;
    }

    /**
     * Creates instance {@code name} in {@code group} and subscribes it to {@code topic}; waits (bounded) while
     * the group's coordinator is not available yet (503).
     */
    static GroupReader join(Http http, GatewayApi gateway, String group, String name, String topic, Duration bound) {
        HttpResult created = Await.value(bound, "consumer instance " + name + " in " + group, () -> "", () -> {
            HttpResult answer = http.post(gateway.url("/consumers/" + group), Http.KAFKA_V2,
                    String.format(CREATE_BODY, name));
            return answer.status() == 503 ? Optional.empty() : Optional.of(answer);
        });
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        GroupReader reader = new GroupReader(http, gateway.url("/consumers/" + group + "/instances/" + name));
        HttpResult subscribed = http.post(reader.instanceUrl + "/subscription", Http.KAFKA_V2,
                "{\"topics\":[\"" + topic + "\"]}");
        assertThat(subscribed.status()).as("%s", subscribed).isEqualTo(204);
        return reader;
    }

    /** Polls until {@code done} holds for everything read so far (bounded); returns all of it. */
    List<ConsumedRecord> readUntil(Predicate<List<ConsumedRecord>> done, Duration bound) {
        Await.until(bound, "the records a test expects to read (" + read.size() + " read so far)", () -> {
            HttpResult answer = http.get(instanceUrl + "/records?timeout=1000", Http.KAFKA_JSON);
            if (answer.status() == 200) {
                answer.json().forEach(this::take);
            } else if (answer.status() != 503) {
                throw new AssertionError("poll answered " + answer);
            }
            return done.test(read);
        });
        return List.copyOf(read);
    }

    /** Leaves the group (deletes the instance). */
    void leave() {
        HttpResult left = http.send(http.request(instanceUrl).header("Content-Type", Http.KAFKA_V2).DELETE());
        assertThat(left.status()).as("%s", left).isEqualTo(204);
    }

    private void take(JsonNode json) {
        JsonNode key = json.path("key");
        ConsumedRecord record = new ConsumedRecord(json.path("partition").asInt(), json.path("offset").asLong(),
                key.isNull() || key.isMissingNode() ? null : key.asString(), json.path("value").toString());
        Long last = lastOffsets.put(record.partition(), record.offset());
        assertThat(last == null || record.offset() > last).as("offsets in partition %d strictly increase: %d after %s",
                record.partition(), record.offset(), last).isTrue();
        read.add(record);
    }
}
