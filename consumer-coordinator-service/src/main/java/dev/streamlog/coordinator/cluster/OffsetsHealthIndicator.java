package dev.streamlog.coordinator.cluster;

import dev.streamlog.coordinator.ownership.PartitionOwnership;
import dev.streamlog.model.OffsetsTopic;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code offsets} health component: UP when this coordinator serves every group of its share of
 * {@code __consumer_offsets} partitions ({@link PartitionOwnership#servesItsShare}); DOWN while disconnected from
 * ZooKeeper, while the topic does not exist yet, before this coordinator is a member, and while a partition of its
 * share is not yet taken over or still replaying. So a cluster whose coordinators are all ready serves every group
 * at once. Details: {@code share} (partitions, or why none is known), {@code leased}, {@code loaded}. Part of the
 * readiness group. Answers from local state at once.
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
        Optional<Set<Integer>> share = ownership.share();
        return (ownership.servesItsShare() ? Health.up() : Health.down())
                .withDetail("share", share.<Object>map(Set::size).orElse(OffsetsTopic.NAME
                        + " does not exist yet or this coordinator is not a member yet"))
                .withDetail("leased", ownership.leasedCount())
                .withDetail("loaded", ownership.loadedPartitions().size())
                .build();
    }
}
