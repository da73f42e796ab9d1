package dev.streamlog.coordinator.membership;

import dev.streamlog.coordinator.ownership.PartitionOwnership;
import dev.streamlog.model.internal.GroupDescription;
import dev.streamlog.model.internal.GroupLag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's meters for the groups it serves:
 * <ul>
 *   <li>{@code streamlog.consumer.rebalances} per {@code group};</li>
 *   <li>{@code streamlog.coordinator.partitions.loaded}: {@code __consumer_offsets} partitions this coordinator
 *       owns and has loaded;</li>
 *   <li>{@code streamlog.consumer.group.lag} (offsets) per {@code group}, {@code topic} and {@code partition}
 *       (the partition's end offset minus the group's committed offset, as {@code GET .../lags} answers),
 *       {@code streamlog.consumer.group.members} (active instances) per {@code group} and
 *       {@code streamlog.consumer.instances} (HTTP consumer instances in all): snapshots taken by
 *       {@link #refresh()} (every {@link #REFRESH}), since a lag needs each partition's end from its leader; a
 *       group whose lag cannot be read then keeps no lag rows until the next snapshot.</li>
 * </ul>
 *
 * <p>Thread-safe (Micrometer meters; snapshot values are atomics in concurrent maps).
 */
public class GroupMetrics {

    /** How often {@link #refresh()} should run. */
    public static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(GroupMetrics.class);
    private static final long LAG_BOUND_SECONDS = 5;

    private final MeterRegistry registry;
    private final GroupInspection inspection;
    private final MultiGauge lag;
    private final MultiGauge members;
    private final Map<Tags, AtomicLong> lagValues = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> memberValues = new ConcurrentHashMap<>();
    private final AtomicLong instances = new AtomicLong();

    public GroupMetrics(MeterRegistry registry, GroupInspection inspection, PartitionOwnership ownership) {
        this.registry = registry;
        this.inspection = inspection;
        Gauge.builder("streamlog.coordinator.partitions.loaded", ownership, owned -> owned.loadedPartitions().size())
                .description("__consumer_offsets partitions this coordinator owns and has loaded").register(registry);
        lag = MultiGauge.builder("streamlog.consumer.group.lag").baseUnit("offsets")
                .description("A partition's end offset minus the group's committed offset").register(registry);
        members = MultiGauge.builder("streamlog.consumer.group.members")
                .description("Active instances of a group").register(registry);
        Gauge.builder("streamlog.consumer.instances", instances, AtomicLong::get)
                .description("HTTP consumer instances of the groups this coordinator serves").register(registry);
    }

    /** Counts a rebalance of {@code group}. */
    void rebalanced(String group) {
        Counter.builder("streamlog.consumer.rebalances").tag("group", group)
                .description("Rebalances (new generations) of a group").register(registry).increment();
    }

    /**
     * Takes new snapshots of every served group's members and lag. Rows are added and removed, never replaced:
     * a row's value is updated in place, so a scrape never misses a series that exists.
     */
    public void refresh() {
        Map<Tags, Long> lags = new HashMap<>();
        Map<Tags, Long> active = new HashMap<>();
        long total = 0;
        for (String group : inspection.groupIds()) {
            try {
                GroupDescription description = inspection.describe(group);
                total += description.members().size();
                active.put(Tags.of("group", group),
                        description.members().stream().filter(GroupDescription.Member::active).count());
                for (GroupLag.PartitionLag partition : inspection.lag(group)
                        .get(LAG_BOUND_SECONDS, TimeUnit.SECONDS).partitions()) {
                    lags.put(Tags.of("group", group, "topic", partition.topic(),
                            "partition", Integer.toString(partition.partition())), partition.lag());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.debug("event=group-metrics-skipped group={} error={}", group, e.toString());
            }
        }
        publish(lag, lagValues, lags);
        publish(members, memberValues, active);
        instances.set(total);
    }

    private static void publish(MultiGauge gauge, Map<Tags, AtomicLong> values, Map<Tags, Long> snapshot) {
        values.keySet().retainAll(snapshot.keySet());
        snapshot.forEach((tags, value) -> values.computeIfAbsent(tags, key -> new AtomicLong()).set(value));
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        values.forEach((tags, value) -> rows.add(MultiGauge.Row.of(tags, value)));
        gauge.register(rows, false);
    }
}
