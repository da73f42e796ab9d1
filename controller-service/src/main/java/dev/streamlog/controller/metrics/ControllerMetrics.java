package dev.streamlog.controller.metrics;

import dev.streamlog.controller.election.ActiveController;
import dev.streamlog.controller.metadata.AdminException;
import dev.streamlog.controller.metadata.ClusterImage;
import dev.streamlog.controller.metadata.PartitionHealth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The controller's meters:
 * <ul>
 *   <li>{@code streamlog.controller.active}: 1 on the active controller, 0 on a standby;</li>
 *   <li>on the active controller (0 on a standby, so a sum over all controllers is the cluster's figure):
 *       {@code streamlog.controller.brokers} (live), {@code streamlog.partitions}, and the partition health
 *       gauges {@code streamlog.partitions.offline}, {@code streamlog.partitions.under.replicated} and
 *       {@code streamlog.partitions.under.min.isr} ({@link PartitionHealth});</li>
 *   <li>{@code streamlog.controller.leader.elections}: the duration of each election pass, per {@code task}
 *       ({@code leader_election} after brokers change, {@code preferred_leader_restore});
 *       {@code streamlog.controller.leader.changes}: partitions that got a new leader, per {@code task};
 *       {@code streamlog.controller.unclean.elections}: leaders elected from outside the ISR.</li>
 * </ul>
 * The gauges read the controller's image, summarised at most once a second.
 *
 * <p>Thread-safe (the summary is a volatile snapshot).
 */
@Component
public class ControllerMetrics {

    private static final long SUMMARY_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Summary(long takenNanos, int brokers, PartitionHealth partitions) {
    }

    private final ActiveController controller;
    private final MeterRegistry registry;
    private final Counter unclean;
    private volatile Summary summary = new Summary(Long.MIN_VALUE, 0, PartitionHealth.NONE);

    public ControllerMetrics(ActiveController controller, MeterRegistry registry) {
        this.controller = controller;
        this.registry = registry;
        Gauge.builder("streamlog.controller.active", controller, active -> active.isActive() ? 1 : 0)
                .description("1 on the active controller, 0 on a standby").register(registry);
        gauge("streamlog.controller.brokers", "Live storage nodes", Summary::brokers);
        gauge("streamlog.partitions", "Partitions of live topics", s -> s.partitions().partitions());
        gauge("streamlog.partitions.offline", "Partitions without a live leader", s -> s.partitions().offline());
        gauge("streamlog.partitions.under.replicated", "Partitions whose ISR is smaller than their replica set",
                s -> s.partitions().underReplicated());
        gauge("streamlog.partitions.under.min.isr", "Partitions whose ISR is smaller than min.insync.replicas",
                s -> s.partitions().underMinIsr());
        unclean = Counter.builder("streamlog.controller.unclean.elections")
                .description("Leaders elected from outside the ISR").register(registry);
    }

    /** Records one election pass: how long it took, how many leaders it changed, how many uncleanly. */
    public void electionPass(String task, long nanos, int leaderChanges, int uncleanElections) {
        Timer.builder("streamlog.controller.leader.elections").tag("task", task)
                .description("Leader election passes of the active controller").register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("streamlog.controller.leader.changes").tag("task", task)
                .description("Partitions that got a new leader").register(registry).increment(leaderChanges);
        unclean.increment(uncleanElections);
    }

    private void gauge(String name, String description, ToDoubleFunction<Summary> value) {
        Gauge.builder(name, this, metrics -> value.applyAsDouble(metrics.summary())).description(description)
                .register(registry);
    }

    private Summary summary() {
        Summary current = summary;
        long now = System.nanoTime();
        if (current.takenNanos() != Long.MIN_VALUE && now - current.takenNanos() < SUMMARY_MAX_AGE_NANOS) {
            return current;
        }
        Summary fresh;
        try {
            ClusterImage image = controller.image();
            fresh = new Summary(now, image.brokers().size(), PartitionHealth.of(image));
        } catch (AdminException standby) {
            fresh = new Summary(now, 0, PartitionHealth.NONE);
        }
        summary = fresh;
        return fresh;
    }
}
