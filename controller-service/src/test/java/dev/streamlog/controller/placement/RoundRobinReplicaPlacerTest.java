package dev.streamlog.controller.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Placement layout, spread, determinism and rack awareness of the round-robin placer. */
class RoundRobinReplicaPlacerTest {

    private final RoundRobinReplicaPlacer placer = new RoundRobinReplicaPlacer(new Random(42));

    private static List<PlacementBroker> brokers(int... ids) {
        return IntStream.of(ids).mapToObj(id -> new PlacementBroker(id, null)).toList();
    }

    @Test
    void matchesKafkasDocumentedRoundRobinLayout() {
        // The table in Kafka's AdminUtils Javadoc: 5 brokers, 10 partitions, RF 3, start index 0.
        List<List<Integer>> placed = placer.place(new PlacementSpec(0, 10, 3, OptionalInt.of(0)),
                brokers(0, 1, 2, 3, 4));

        assertThat(placed).containsExactly(
                List.of(0, 1, 2), List.of(1, 2, 3), List.of(2, 3, 4), List.of(3, 4, 0), List.of(4, 0, 1),
                List.of(0, 2, 3), List.of(1, 3, 4), List.of(2, 4, 0), List.of(3, 0, 1), List.of(4, 1, 2));
    }

    @Test
    void spreadsLeadersAndReplicasEvenly() {
        List<List<Integer>> placed = placer.place(new PlacementSpec(0, 300, 2, OptionalInt.empty()),
                brokers(1, 2, 3));

        Map<Integer, Integer> leaders = new HashMap<>();
        Map<Integer, Integer> replicas = new HashMap<>();
        for (List<Integer> partition : placed) {
            assertThat(new HashSet<>(partition)).hasSize(2);
            leaders.merge(partition.get(0), 1, Integer::sum);
            partition.forEach(broker -> replicas.merge(broker, 1, Integer::sum));
        }
        assertThat(leaders).containsOnly(Map.entry(1, 100), Map.entry(2, 100), Map.entry(3, 100));
        assertThat(replicas).containsOnly(Map.entry(1, 200), Map.entry(2, 200), Map.entry(3, 200));
    }

    @Test
    void isDeterministicForASeed() {
        PlacementSpec spec = new PlacementSpec(0, 12, 2, OptionalInt.empty());
        List<PlacementBroker> brokers = brokers(1, 2, 3, 4);

        assertThat(new RoundRobinReplicaPlacer(new Random(7)).place(spec, brokers))
                .isEqualTo(new RoundRobinReplicaPlacer(new Random(7)).place(spec, brokers));
    }

    @Test
    void addedPartitionsContinueTheLeaderRoundRobin() {
        List<PlacementBroker> brokers = brokers(1, 2, 3, 4);
        List<List<Integer>> once = placer.place(new PlacementSpec(0, 10, 3, OptionalInt.of(2)), brokers);
        List<List<Integer>> first = placer.place(new PlacementSpec(0, 6, 3, OptionalInt.of(2)), brokers);
        List<List<Integer>> added = placer.place(new PlacementSpec(6, 4, 3, OptionalInt.of(2)), brokers);

        assertThat(first).isEqualTo(once.subList(0, 6));
        assertThat(added).extracting(replicas -> replicas.get(0)).containsExactly(1, 2, 3, 4);
        assertThat(added).allSatisfy(replicas -> assertThat(new HashSet<>(replicas)).hasSize(3));
    }

    @Test
    void interleavesBrokersByRack() {
        List<PlacementBroker> brokers = List.of(new PlacementBroker(0, "rack1"), new PlacementBroker(1, "rack3"),
                new PlacementBroker(2, "rack3"), new PlacementBroker(3, "rack2"), new PlacementBroker(4, "rack2"),
                new PlacementBroker(5, "rack1"));

        assertThat(RoundRobinReplicaPlacer.rackAlternated(brokers)).extracting(PlacementBroker::id)
                .containsExactly(0, 3, 1, 5, 4, 2);
    }

    @Test
    void putsReplicasOnDistinctRacksWhenRacksAreSet() {
        List<PlacementBroker> brokers = List.of(new PlacementBroker(1, "a"), new PlacementBroker(2, "a"),
                new PlacementBroker(3, "b"), new PlacementBroker(4, "b"), new PlacementBroker(5, "c"),
                new PlacementBroker(6, "c"));
        Map<Integer, String> rackOf = new HashMap<>();
        brokers.forEach(broker -> rackOf.put(broker.id(), broker.rack()));

        List<List<Integer>> placed = placer.place(new PlacementSpec(0, 60, 3, OptionalInt.empty()), brokers);

        Map<Integer, Integer> leaders = new HashMap<>();
        for (List<Integer> partition : placed) {
            assertThat(partition.stream().map(rackOf::get).distinct()).hasSize(3);
            leaders.merge(partition.get(0), 1, Integer::sum);
        }
        assertThat(leaders.values()).containsOnly(10);
    }

    @Test
    void usesAsManyRacksAsThereAreWhenFewerThanReplicas() {
        List<PlacementBroker> brokers = List.of(new PlacementBroker(1, "a"), new PlacementBroker(2, "a"),
                new PlacementBroker(3, "b"), new PlacementBroker(4, "b"));

        for (List<Integer> partition : placer.place(new PlacementSpec(0, 20, 3, OptionalInt.empty()), brokers)) {
            assertThat(new HashSet<>(partition)).hasSize(3);
            assertThat(partition.stream().map(id -> id <= 2 ? "a" : "b").distinct()).hasSize(2);
        }
    }

    @Test
    void ignoresRacksUnlessEveryBrokerHasOne() {
        List<PlacementBroker> mixed = List.of(new PlacementBroker(0, "r1"), new PlacementBroker(1, null),
                new PlacementBroker(2, "r1"), new PlacementBroker(3, null), new PlacementBroker(4, "r2"));
        PlacementSpec spec = new PlacementSpec(0, 10, 3, OptionalInt.of(0));

        assertThat(placer.place(spec, mixed)).isEqualTo(placer.place(spec, brokers(0, 1, 2, 3, 4)));
    }

    @Test
    void refusesMoreReplicasThanBrokers() {
        assertThatThrownBy(() -> placer.place(new PlacementSpec(0, 1, 3, OptionalInt.empty()), brokers(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replication factor 3");
    }

    @Test
    void placesOnASingleBroker() {
        assertThat(placer.place(new PlacementSpec(0, 3, 1, OptionalInt.empty()), brokers(9)))
                .containsExactly(List.of(9), List.of(9), List.of(9));
    }
}
