package dev.streamlog.storage.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.cluster.PartitionState;
import dev.streamlog.model.cluster.TopicAssignment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplicaPlannerTest {

    private static final int ME = 1;

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private static TopicAssignment topic(String id, Map<String, String> configs, List<Integer>... replicas) {
        Map<String, List<Integer>> partitions = new HashMap<>();
        for (int p = 0; p < replicas.length; p++) {
            partitions.put(Integer.toString(p), replicas[p]);
        }
        return new TopicAssignment(id, partitions, configs);
    }

    private static ClusterMetadata metadata(Map<String, TopicAssignment> topics) {
        return new ClusterMetadata(true, topics, Map.<TopicPartition, PartitionState>of(), Set.of());
    }

    private static List<TopicPartition> hosted(ReplicaPlan plan) {
        return plan.replicas().stream().map(ReplicaPlan.Replica::topicPartition).toList();
    }

    @Test
    void hostsEveryPartitionWhoseReplicasNameThisNode() {
        ReplicaPlan plan = ReplicaPlanner.plan(ME, metadata(Map.of(
                "orders", topic("o1", Map.of("retention.ms", "1000"), List.of(1, 2), List.of(2, 3), List.of(3, 1)),
                "audit", topic("a1", Map.of(), List.of(2)))), Map.of());
        assertThat(hosted(plan)).containsExactly(tp("orders", 0), tp("orders", 2));
        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.replicas().get(0).topicId()).isEqualTo("o1");
        assertThat(plan.replicas().get(0).configs()).containsEntry("retention.ms", "1000");
    }

    @Test
    void deletesLogsOfVanishedTopicsAndOfPartitionsMovedAway() {
        Map<TopicPartition, Optional<String>> local = Map.of(
                tp("orders", 0), Optional.of("o1"),
                tp("orders", 1), Optional.of("o1"),
                tp("gone", 0), Optional.of("g1"),
                tp("legacy", 3), Optional.empty());
        ReplicaPlan plan = ReplicaPlanner.plan(ME, metadata(Map.of(
                "orders", topic("o1", Map.of(), List.of(1), List.of(2)))), local);
        assertThat(plan.deletions()).containsExactly(tp("gone", 0), tp("legacy", 3), tp("orders", 1));
        assertThat(hosted(plan)).containsExactly(tp("orders", 0));
    }

    @Test
    void aLogOfAnOlderTopicWithTheSameNameIsReplaced() {
        ReplicaPlan plan = ReplicaPlanner.plan(ME, metadata(Map.of(
                "orders", topic("new-id", Map.of(), List.of(1), List.of(1)))),
                Map.of(tp("orders", 0), Optional.of("old-id"), tp("orders", 1), Optional.of("new-id")));
        assertThat(plan.deletions()).containsExactly(tp("orders", 0));
        assertThat(hosted(plan)).containsExactly(tp("orders", 0), tp("orders", 1));
    }

    @Test
    void aLogWithoutAStoredIdOrATopicWithoutOneIsKept() {
        ReplicaPlan plan = ReplicaPlanner.plan(ME, metadata(Map.of(
                "a", topic("a1", Map.of(), List.of(1)),
                "b", topic(null, Map.of(), List.of(1)))),
                Map.of(tp("a", 0), Optional.empty(), tp("b", 0), Optional.of("whatever")));
        assertThat(plan.deletions()).isEmpty();
        assertThat(hosted(plan)).containsExactly(tp("a", 0), tp("b", 0));
    }

    @Test
    void logsOfAnUnreadableTopicAreKept() {
        ClusterMetadata metadata = new ClusterMetadata(true, Map.of(), Map.of(), Set.of("half-written"));
        ReplicaPlan plan = ReplicaPlanner.plan(ME, metadata,
                Map.of(tp("half-written", 0), Optional.of("h1"), tp("gone", 0), Optional.of("g1")));
        assertThat(plan.deletions()).containsExactly(tp("gone", 0));
    }

    @Test
    void withoutTheTopicsZnodeNothingIsDeleted() {
        ClusterMetadata empty = new ClusterMetadata(false, Map.of(), Map.of(), Set.of());
        ReplicaPlan plan = ReplicaPlanner.plan(ME, empty, Map.of(tp("orders", 0), Optional.of("o1")));
        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.replicas()).isEmpty();
    }

    @Test
    void oddPartitionKeysAndEmptyReplicaListsAreSkipped() {
        Map<String, List<Integer>> partitions = new HashMap<>();
        partitions.put("0", List.of(1));
        partitions.put("x", List.of(1));
        partitions.put("-1", List.of(1));
        partitions.put("1", List.of());
        ReplicaPlan plan = ReplicaPlanner.plan(ME, metadata(Map.of("t", new TopicAssignment("t1", partitions, null))),
                Map.of());
        assertThat(hosted(plan)).containsExactly(tp("t", 0));
    }
}
