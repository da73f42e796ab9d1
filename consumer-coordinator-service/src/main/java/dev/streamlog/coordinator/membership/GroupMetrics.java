package dev.streamlog.coordinator.membership;

import dev.streamlog.coordinator.ownership.PartitionOwnership;
import dev.streamlog.model.internal.GroupDescription;
import dev.streamlog.model.internal.GroupLag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The coordinator's meters for the groups it serves:
 * <ul>
 *   <li>{@code streamlog.consumer.rebalances} per {@code group};</li>
 *   <li>{@code streamlog.coordinator.partitions.loaded}: {@code __consumer_offsets} partitions this coordinator
 *       owns and has loaded;</li>
 *   <li>{@code streamlog.consumer.group.lag} (offsets) per {@code group}, {@code topic} and {@code partition}
 *       (the partition's end offset minus the group's committed offset, as {@code GET .../lags} answers),
 *       {@code streamlog.consumer.group.members} (active instances) per {@code group} and
 *       {@code streamlog.consumer.instances} (HTTP consumer instances in all): snapshots taken every
 *       {@link #REFRESH_SECONDS} s, since a lag needs each partition's end from its leader.</li>
 * </ul>
 *
 * <p>Thread-safe (Micrometer meters; the snapshots are taken on one daemon thread).
 */
public class GroupMetrics implements SmartLifecycle {

    static final long REFRESH_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(GroupMetrics.class);
    private static final long LAG_BOUND_SECONDS = 5;

    private final MeterRegistry registry;
    private final GroupInspection inspection;
    private final MultiGauge lag;
    private final MultiGauge members;
    private final MultiGauge instances;
    private ScheduledExecutorService refresher;

    public GroupMetrics(MeterRegistry registry, GroupInspection inspection, PartitionOwnership ownership) {
        this.registry = registry;
        this.inspection = inspection;
        Gauge.builder("streamlog.coordinator.partitions.loaded", ownership, owned -> owned.loadedPartitions().size())
                .description("__consumer_offsets partitions this coordinator owns and has loaded").register(registry);
        lag = MultiGauge.builder("streamlog.consumer.group.lag").baseUnit("offsets")
                .description("A partition's end offset minus the group's committed offset").register(registry);
        members = MultiGauge.builder("streamlog.consumer.group.members")
                .description("Active instances of a group").register(registry);
        instances = MultiGauge.builder("streamlog.consumer.instances")
                .description("HTTP consumer instances of the groups this coordinator serves").register(registry);
    }

    /** Counts a rebalance of {@code group}. */
    void rebalanced(String group) {
        Counter.builder("streamlog.consumer.rebalances").tag("group", group)
                .description("Rebalances (new generations) of a group").register(registry).increment();
    }

    /** Takes new snapshots of every served group's members and lag. */
    void refresh() throws Exception {
        List<MultiGauge.Row<?>> lags = new ArrayList<>();
        List<MultiGauge.Row<?>> active = new ArrayList<>();
        int total = 0;
        for (String group : inspection.groupIds()) {
            GroupDescription description = inspection.describe(group);
            total += description.members().size();
            active.add(MultiGauge.Row.of(Tags.of("group", group),
                    description.members().stream().filter(GroupDescription.Member::active).count()));
            for (GroupLag.PartitionLag partition : inspection.lag(group).get(LAG_BOUND_SECONDS, TimeUnit.SECONDS)
                    .partitions()) {
                lags.add(MultiGauge.Row.of(Tags.of("group", group, "topic", partition.topic(),
                        "partition", Integer.toString(partition.partition())), partition.lag()));
            }
        }
        lag.register(lags, true);
        members.register(active, true);
        instances.register(List.of(MultiGauge.Row.of(Tags.empty(), total)), true);
    }

    @Override
    public synchronized void start() {
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "group-metrics");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (Exception e) {
                LOG.debug("event=group-metrics-refresh-failed error={}", e.toString());
            }
        }, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return refresher != null;
    }
}
