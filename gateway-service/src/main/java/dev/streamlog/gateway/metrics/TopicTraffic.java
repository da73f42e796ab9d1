package dev.streamlog.gateway.metrics;

import dev.streamlog.model.RecordHeader;
import dev.streamlog.model.internal.StoredRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Records and payload bytes (key, value and header bytes, as clients sent or receive them before the embedded
 * format's encoding) through the gateway, per topic: {@code streamlog.gateway.produced.records} and
 * {@code streamlog.gateway.produced.bytes} for records a storage node accepted (or, with acks=0, that were sent),
 * {@code streamlog.gateway.fetched.records} and {@code streamlog.gateway.fetched.bytes} for records answered to
 * stateless reads and consumer polls (in Prometheus: {@code streamlog_gateway_produced_records_total} and so on).
 *
 * <p>Thread-safe (counters are cached per topic in a concurrent map).
 */
@Component
public class TopicTraffic {

    private record Counters(Counter recordsIn, Counter bytesIn, Counter recordsOut, Counter bytesOut) {
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counters> topics = new ConcurrentHashMap<>();

    public TopicTraffic(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts {@code records} records of {@code bytes} payload bytes written to {@code topic}. */
    public void produced(String topic, long records, long bytes) {
        Counters counters = counters(topic);
        counters.recordsIn().increment(records);
        counters.bytesIn().increment(bytes);
    }

    /** Counts {@code records} as read from {@code topic}. */
    public void fetched(String topic, List<StoredRecord> records) {
        long bytes = 0;
        for (StoredRecord record : records) {
            bytes += RecordHeader.payloadSize(record.key(), record.value(), record.headers());
        }
        Counters counters = counters(topic);
        counters.recordsOut().increment(records.size());
        counters.bytesOut().increment(bytes);
    }

    private Counters counters(String topic) {
        return topics.computeIfAbsent(topic, name -> new Counters(
                counter("streamlog.gateway.produced.records", name, "records", "Records written through the gateway"),
                counter("streamlog.gateway.produced.bytes", name, "bytes", "Payload bytes written through the gateway"),
                counter("streamlog.gateway.fetched.records", name, "records", "Records read through the gateway"),
                counter("streamlog.gateway.fetched.bytes", name, "bytes", "Payload bytes read through the gateway")));
    }

    private Counter counter(String name, String topic, String unit, String description) {
        return Counter.builder(name).tag("topic", topic).baseUnit(unit).description(description).register(registry);
    }
}
