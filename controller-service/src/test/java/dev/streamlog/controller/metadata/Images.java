package dev.streamlog.controller.metadata;

import dev.streamlog.controller.placement.RoundRobinReplicaPlacer;
import dev.streamlog.model.cluster.BrokerRegistration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Test images and commands. */
final class Images {

    static final String CLUSTER = "cluster-1";
    static final int EPOCH = 7;

    private Images() {
    }

    /** An empty cluster with brokers 1..count, no racks. */
    static ClusterImage withBrokers(int count) {
        Map<Integer, BrokerRegistration> brokers = new TreeMap<>();
        for (int id = 1; id <= count; id++) {
            brokers.put(id, new BrokerRegistration("127.0.0.1", 9090 + id, null, false));
        }
        return ClusterImage.empty(CLUSTER, EPOCH).withBrokers(brokers);
    }

    /** Commands with default 1 partition, RF 1, at most 100 partitions, seeded placement, ids id-1, id-2… */
    static TopicCommands commands() {
        AtomicInteger ids = new AtomicInteger();
        return new TopicCommands(new TopicLimits(1, 1, 100), new RoundRobinReplicaPlacer(new Random(1)),
                () -> "id-" + ids.incrementAndGet());
    }
}
