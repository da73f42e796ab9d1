package dev.streamlog.controller.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka's round-robin assignment (the ZooKeeper-era {@code AdminUtils.assignReplicasToBrokers}).
 * The first replica of partition {@code p} is broker {@code (p + startIndex) % n}; followers come
 * after it at a shift that grows by one every {@code n} partitions, so leaders and followers spread
 * evenly over the brokers. When every broker has a rack, the broker list is first interleaved by
 * rack ({@code r1-a, r2-a, r3-a, r1-b, …}) and a follower is skipped while a rack (then a broker)
 * without a replica of the partition remains, so replicas land on as many racks as possible.
 * With some brokers lacking a rack, placement ignores racks.
 *
 * <p>Deterministic for a given {@link PlacementSpec#startIndex()}; otherwise the start index and
 * shift come from the {@link Random} it was built with (seed it in tests). Thread-safe.
 */
public final class RoundRobinReplicaPlacer implements ReplicaPlacer {

    private final Random random;

    public RoundRobinReplicaPlacer(Random random) {
        this.random = random;
    }

    @Override
    public List<List<Integer>> place(PlacementSpec spec, List<PlacementBroker> brokers) {
        if (spec.replicationFactor() > brokers.size()) {
            throw new IllegalArgumentException("replication factor " + spec.replicationFactor()
                    + " is larger than the " + brokers.size() + " available brokers");
        }
        boolean rackAware = !brokers.isEmpty() && brokers.stream().allMatch(broker -> broker.rack() != null);
        List<PlacementBroker> arranged = rackAware ? rackAlternated(brokers) : brokers;
        int n = arranged.size();
        int startIndex = spec.startIndex().isPresent() ? spec.startIndex().getAsInt() : random.nextInt(n);
        int replicaShift = spec.startIndex().isPresent() ? spec.startIndex().getAsInt() : random.nextInt(n);
        long racks = brokers.stream().map(PlacementBroker::rack).distinct().count();
        List<List<Integer>> result = new ArrayList<>(spec.numPartitions());
        for (int partition = spec.startPartition(); partition < spec.startPartition() + spec.numPartitions();
             partition++) {
            if (partition > 0 && partition % n == 0) {
                replicaShift++;
            }
            int first = (partition + startIndex) % n;
            result.add(rackAware
                    ? rackAwareReplicas(arranged, first, replicaShift, (int) racks, spec.replicationFactor())
                    : plainReplicas(arranged, first, replicaShift, spec.replicationFactor()));
        }
        return result;
    }

    private static List<Integer> plainReplicas(List<PlacementBroker> brokers, int first, int shift, int factor) {
        List<Integer> replicas = new ArrayList<>(factor);
        replicas.add(brokers.get(first).id());
        for (int j = 0; j < factor - 1; j++) {
            replicas.add(brokers.get(followerIndex(first, shift, j, brokers.size())).id());
        }
        return replicas;
    }

    private static List<Integer> rackAwareReplicas(List<PlacementBroker> brokers, int first, int shift, int racks,
                                                   int factor) {
        PlacementBroker leader = brokers.get(first);
        List<Integer> replicas = new ArrayList<>(factor);
        replicas.add(leader.id());
        Set<String> racksWithReplicas = new HashSet<>(Set.of(leader.rack()));
        Set<Integer> brokersWithReplicas = new HashSet<>(Set.of(leader.id()));
        int k = 0;
        while (replicas.size() < factor) {
            PlacementBroker broker = brokers.get(followerIndex(first, shift * racks, k++, brokers.size()));
            boolean rackFree = !racksWithReplicas.contains(broker.rack()) || racksWithReplicas.size() == racks;
            boolean brokerFree = !brokersWithReplicas.contains(broker.id())
                    || brokersWithReplicas.size() == brokers.size();
            if (rackFree && brokerFree && !replicas.contains(broker.id())) {
                replicas.add(broker.id());
                racksWithReplicas.add(broker.rack());
                brokersWithReplicas.add(broker.id());
            }
        }
        return replicas;
    }

    private static int followerIndex(int first, int shift, int replica, int n) {
        if (n == 1) {
            return first;
        }
        int offset = 1 + Math.floorMod(shift + replica, n - 1);
        return (first + offset) % n;
    }

    /** Brokers interleaved by rack: racks in name order, brokers within a rack by id. */
    static List<PlacementBroker> rackAlternated(Collection<PlacementBroker> brokers) {
        Map<String, List<PlacementBroker>> byRack = new TreeMap<>();
        brokers.stream().sorted((a, b) -> Integer.compare(a.id(), b.id()))
                .forEach(broker -> byRack.computeIfAbsent(broker.rack(), rack -> new ArrayList<>()).add(broker));
        List<PlacementBroker> arranged = new ArrayList<>(brokers.size());
        for (int round = 0; arranged.size() < brokers.size(); round++) {
            for (List<PlacementBroker> rack : byRack.values()) {
                if (round < rack.size()) {
                    arranged.add(rack.get(round));
                }
            }
        }
        return arranged;
    }
}
