package dev.streamlog.coordinator.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.TopicPartition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssignorsTest {

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private static Map<String, List<String>> everyone(List<String> topics, String... members) {
        Map<String, List<String>> subscriptions = new TreeMap<>();
        for (String member : members) {
            subscriptions.put(member, topics);
        }
        return subscriptions;
    }

    private static Assignor assignor(String name) {
        return Assignments.byName(name).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "roundrobin", "sticky"})
    void everySubscribedPartitionGoesToExactlyOneSubscribedMember(String name) {
        Map<String, List<String>> subscriptions = new TreeMap<>(Map.of(
                "a", List.of("x", "y"), "b", List.of("y"), "c", List.of("x", "missing"), "d", List.of()));
        Map<String, Integer> counts = Map.of("x", 5, "y", 3, "unsubscribed", 4);

        Map<String, List<TopicPartition>> assignment = assignor(name).assign(subscriptions, counts, Map.of());

        assertThat(assignment).containsOnlyKeys("a", "b", "c", "d");
        assertThat(assignment.get("d")).isEmpty();
        List<TopicPartition> all = new ArrayList<>();
        assignment.forEach((member, partitions) -> {
            partitions.forEach(partition -> assertThat(subscriptions.get(member)).contains(partition.topic()));
            assertThat(partitions).isSortedAccordingTo(Assignments.ORDER);
            all.addAll(partitions);
        });
        assertThat(all).doesNotHaveDuplicates().hasSize(8);
    }

    @Test
    void rangeGivesConsecutiveRangesTopicByTopic() {
        Map<String, List<TopicPartition>> assignment = assignor("range")
                .assign(everyone(List.of("t"), "m1", "m2", "m3"), Map.of("t", 7), Map.of());

        assertThat(assignment.get("m1")).containsExactly(tp("t", 0), tp("t", 1), tp("t", 2));
        assertThat(assignment.get("m2")).containsExactly(tp("t", 3), tp("t", 4));
        assertThat(assignment.get("m3")).containsExactly(tp("t", 5), tp("t", 6));
    }

    @Test
    void roundRobinDealsPartitionsInTurn() {
        Map<String, List<TopicPartition>> assignment = assignor("roundrobin")
                .assign(everyone(List.of("t", "u"), "m1", "m2"), Map.of("t", 3, "u", 2), Map.of());

        assertThat(assignment.get("m1")).containsExactly(tp("t", 0), tp("t", 2), tp("u", 1));
        assertThat(assignment.get("m2")).containsExactly(tp("t", 1), tp("u", 0));
    }

    @Test
    void sixPartitionsOverThreeMembersAreTwoEach() {
        for (String name : Assignments.names()) {
            Map<String, List<TopicPartition>> assignment = assignor(name)
                    .assign(everyone(List.of("t"), "a", "b", "c"), Map.of("t", 6), Map.of());
            assertThat(assignment.values()).as(name).allSatisfy(partitions -> assertThat(partitions).hasSize(2));
        }
    }

    @Test
    void stickyKeepsWhatItCanWhenAMemberJoinsAndStaysBalanced() {
        Assignor sticky = assignor("sticky");
        Map<String, List<TopicPartition>> before = sticky.assign(everyone(List.of("t"), "a", "b", "c"),
                Map.of("t", 6), Map.of());

        Map<String, List<TopicPartition>> after = sticky.assign(everyone(List.of("t"), "a", "b", "c", "d"),
                Map.of("t", 6), before);

        int moved = 0;
        for (String member : List.of("a", "b", "c")) {
            Set<TopicPartition> kept = new HashSet<>(after.get(member));
            kept.retainAll(before.get(member));
            moved += before.get(member).size() - kept.size();
        }
        assertThat(moved).as("partitions taken from the old members").isEqualTo(after.get("d").size());
        assertThat(after.values()).allSatisfy(partitions -> assertThat(partitions.size()).isBetween(1, 2));
    }

    @Test
    void stickyMovesOnlyTheLeaversPartitions() {
        Assignor sticky = assignor("sticky");
        Map<String, List<TopicPartition>> before = sticky.assign(everyone(List.of("t"), "a", "b", "c"),
                Map.of("t", 6), Map.of());

        Map<String, List<TopicPartition>> after = sticky.assign(everyone(List.of("t"), "a", "c"), Map.of("t", 6),
                before);

        assertThat(after.get("a")).containsAll(before.get("a")).hasSize(3);
        assertThat(after.get("c")).containsAll(before.get("c")).hasSize(3);
    }

    @Test
    void unknownNamesHaveNoAssignor() {
        assertThat(Assignments.byName("RANGE")).isPresent();
        assertThat(Assignments.byName("cooperative")).isEmpty();
        assertThat(Assignments.names()).containsExactly("range", "roundrobin", "sticky");
    }
}
