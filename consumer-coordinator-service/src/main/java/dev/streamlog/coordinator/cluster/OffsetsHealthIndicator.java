package dev.streamlog.coordinator.cluster;

import dev.streamlog.coordinator.ownership.PartitionOwnership;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code offsets} health component: UP when this coordinator is connected to ZooKeeper and has loaded every
 * {@code __consumer_offsets} partition it holds the lease of; DOWN while one is still being replayed (its groups
 * cannot be served yet) or while disconnected. Details: {@code leased}, {@code loaded}. Part of the readiness
 * group. Answers from local state at once.
 *
 * <p>Thread-safe (reads the ownership's concurrent state).
 */
@Component("offsets")
class OffsetsHealthIndicator implements HealthIndicator {

    private final PartitionOwnership ownership;

    OffsetsHealthIndicator(PartitionOwnership ownership) {
        this.ownership = ownership;
    }

    @Override
    public Health health() {
        int leased = ownership.leasedCount();
        int loaded = ownership.loadedPartitions().size();
        boolean ready = ownership.isConnected() && ownership.allLeasedLoaded();
        return (ready ? Health.up() : Health.down()).withDetail("leased", leased).withDetail("loaded", loaded)
                .build();
    }
}
