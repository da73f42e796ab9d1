package dev.streamlog.storage.metrics;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.storage.datadir.DataDir;
import dev.streamlog.storage.log.FlushStats;
import dev.streamlog.storage.log.LogManager;
import dev.streamlog.storage.log.PartitionLog;
import dev.streamlog.storage.partition.HostedPartition;
import dev.streamlog.storage.partition.PartitionRouter;
import dev.streamlog.storage.partition.RoutingTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The storage node's meters:
 * <ul>
 *   <li>{@code streamlog.storage.appended.records} and {@code streamlog.storage.appended.bytes} (batch bytes as
 *       written) per {@code topic}, for appends this node took as a leader;</li>
 *   <li>{@code streamlog.storage.isr.changes} per {@code change} ({@code shrink}, {@code expand}) this node wrote
 *       as a leader;</li>
 *   <li>gauges {@code streamlog.storage.partitions.led}, {@code streamlog.storage.partitions.under.replicated}
 *       (led here, ISR smaller than the replica set) and {@code streamlog.storage.partitions.under.min.isr};</li>
 *   <li>{@code streamlog.log.size} (bytes) and {@code streamlog.log.segments} per {@code topic} and
 *       {@code partition} of every log on this node, and {@code streamlog.replica.fetch.lag} (offsets) per
 *       {@code topic}, {@code partition} and {@code follower} of the partitions led here: which rows exist is
 *       refreshed by {@link #refresh()} (every {@link #REFRESH}), their values are read at each scrape;</li>
 *   <li>{@code streamlog.log.flush}, the count and total time of fsyncs;</li>
 *   <li>{@code streamlog.storage.data.dir.offline}: 1 once the data dir went offline.</li>
 * </ul>
 *
 * <p>Thread-safe (counters cached in a concurrent map; the rows are replaced whole).
 */
@Component
public class StorageMetrics {

    /** How often {@link #refresh()} should run. */
    public static final Duration REFRESH = Duration.ofSeconds(5);

    private record Appends(Counter records, Counter bytes) {
    }

    private final MeterRegistry registry;
    private final PartitionRouter router;
    private final LogManager logs;
    private final ConcurrentMap<String, Appends> appends = new ConcurrentHashMap<>();
    private final Counter isrShrinks;
    private final Counter isrExpands;
    private final MultiGauge logSize;
    private final MultiGauge logSegments;
    private final MultiGauge fetchLag;

    public StorageMetrics(MeterRegistry registry, PartitionRouter router, LogManager logs, DataDir dataDir) {
        this.registry = registry;
        this.router = router;
        this.logs = logs;
        Gauge.builder("streamlog.storage.data.dir.offline", dataDir, dir -> dir.isOffline() ? 1 : 0)
                .description("1 once the data dir went offline (the node withdrew; restart it with a healthy dir)")
                .register(registry);
        isrShrinks = isrChanges("shrink");
        isrExpands = isrChanges("expand");
        FunctionTimer.builder("streamlog.log.flush", logs.flushStats(), FlushStats::count, FlushStats::totalNanos,
                TimeUnit.NANOSECONDS).description("fsyncs of unflushed log data").register(registry);
        ledGauge("streamlog.storage.partitions.led", "Partitions this node leads", partition -> true);
        ledGauge("streamlog.storage.partitions.under.replicated",
                "Partitions this node leads whose ISR is smaller than their replica set",
                partition -> partition.leadership().isr().size() < partition.leadership().replicas().size());
        ledGauge("streamlog.storage.partitions.under.min.isr",
                "Partitions this node leads whose ISR is smaller than min.insync.replicas",
                partition -> partition.leadership().isr().size() < partition.minInsyncReplicas());
        logSize = MultiGauge.builder("streamlog.log.size").baseUnit("bytes")
                .description("Bytes of record batches in a partition's log on this node").register(registry);
        logSegments = MultiGauge.builder("streamlog.log.segments")
                .description("Segments of a partition's log on this node").register(registry);
        fetchLag = MultiGauge.builder("streamlog.replica.fetch.lag").baseUnit("offsets")
                .description("How far a follower is behind this leader's log end").register(registry);
    }

    /** Counts an append this node took as a leader. */
    public void appended(String topic, int records, long bytes) {
        Appends counters = appends.computeIfAbsent(topic, name -> new Appends(
                Counter.builder("streamlog.storage.appended.records").tag("topic", name).baseUnit("records")
                        .description("Records appended by this node as a leader").register(registry),
                Counter.builder("streamlog.storage.appended.bytes").tag("topic", name).baseUnit("bytes")
                        .description("Batch bytes appended by this node as a leader").register(registry)));
        counters.records().increment(records);
        counters.bytes().increment(bytes);
    }

    /** Counts an ISR change this node wrote as a leader. */
    public void isrChanged(boolean expanded) {
        (expanded ? isrExpands : isrShrinks).increment();
    }

    /**
     * Re-reads which logs and led partitions there are: rows are added and removed, never replaced, and each row
     * looks its log or partition up again at every scrape (NaN once it is gone or no longer led here).
     */
    public void refresh() {
        List<MultiGauge.Row<?>> sizes = new ArrayList<>();
        List<MultiGauge.Row<?>> segments = new ArrayList<>();
        for (PartitionLog log : logs.logs()) {
            TopicPartition tp = log.topicPartition();
            Tags tags = Tags.of("topic", tp.topic(), "partition", Integer.toString(tp.partition()));
            sizes.add(MultiGauge.Row.of(tags, () -> logs.get(tp).map(PartitionLog::sizeInBytes)
                    .map(Number.class::cast).orElse(Double.NaN)));
            segments.add(MultiGauge.Row.of(tags, () -> logs.get(tp).map(PartitionLog::segmentCount)
                    .map(Number.class::cast).orElse(Double.NaN)));
        }
        List<MultiGauge.Row<?>> lags = new ArrayList<>();
        for (HostedPartition partition : led()) {
            TopicPartition tp = partition.topicPartition();
            for (Integer follower : partition.followerLags().keySet()) {
                lags.add(MultiGauge.Row.of(Tags.of("topic", tp.topic(), "partition", Integer.toString(tp.partition()),
                        "follower", follower.toString()), () -> lagOf(tp, follower)));
            }
        }
        logSize.register(sizes, false);
        logSegments.register(segments, false);
        fetchLag.register(lags, false);
    }

    private Number lagOf(TopicPartition tp, int follower) {
        RoutingTable.TopicRoute topic = router.table().topics().get(tp.topic());
        RoutingTable.PartitionRoute route = topic == null ? null : topic.partitions().get(tp.partition());
        if (route == null || route.local() == null) {
            return Double.NaN;
        }
        Long lag = route.local().followerLags().get(follower);
        return lag == null ? Double.NaN : lag;
    }

    private Counter isrChanges(String change) {
        return Counter.builder("streamlog.storage.isr.changes").tag("change", change)
                .description("ISR changes this node wrote as a leader").register(registry);
    }

    private void ledGauge(String name, String description, Predicate<HostedPartition> counted) {
        Gauge.builder(name, this, metrics -> metrics.led().stream().filter(counted).count())
                .description(description).register(registry);
    }

    private List<HostedPartition> led() {
        RoutingTable table = router.table();
        List<HostedPartition> led = new ArrayList<>();
        for (RoutingTable.TopicRoute topic : table.topics().values()) {
            for (RoutingTable.PartitionRoute route : topic.partitions().values()) {
                if (route.local() != null && route.local().isLeader()) {
                    led.add(route.local());
                }
            }
        }
        return led;
    }
}
