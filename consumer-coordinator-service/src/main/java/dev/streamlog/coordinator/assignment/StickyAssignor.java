package dev.streamlog.coordinator.assignment;

import dev.streamlog.model.TopicPartition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A sticky strategy in the spirit of Kafka's: balanced first, then as few moves as possible. Each
 * member keeps the partitions it had that still exist and that it still subscribes to, up to its
 * share ({@code ceil(partitions / members)}); the partitions left go one by one (sorted) to the
 * subscribed member with the fewest; finally single partitions move from the fullest member to
 * the emptiest subscribed one while their counts differ by more than one.
 */
public final class StickyAssignor implements Assignor {

    @Override
    public String name() {
        return "sticky";
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, List<String>> subscriptions,
                                                    Map<String, Integer> partitionCounts,
                                                    Map<String, List<TopicPartition>> previous) {
        Map<String, List<TopicPartition>> assignment = Assignments.empty(subscriptions);
        if (assignment.isEmpty()) {
            return assignment;
        }
        TreeSet<TopicPartition> unassigned = new TreeSet<>(Assignments.ORDER);
        for (String topic : Assignments.subscribedTopics(subscriptions, partitionCounts)) {
            for (int p = 0; p < partitionCounts.get(topic); p++) {
                unassigned.add(new TopicPartition(topic, p));
            }
        }
        int share = (unassigned.size() + assignment.size() - 1) / assignment.size();
        Set<TopicPartition> kept = new HashSet<>();
        assignment.forEach((member, owned) -> previous.getOrDefault(member, List.of()).stream()
                .filter(partition -> unassigned.contains(partition) && !kept.contains(partition)
                        && subscriptions.get(member).contains(partition.topic()))
                .sorted(Assignments.ORDER).limit(share)
                .forEach(partition -> {
                    owned.add(partition);
                    kept.add(partition);
                }));
        unassigned.removeAll(kept);
        for (TopicPartition partition : unassigned) {
            fewest(assignment, subscriptions, partition.topic()).add(partition);
        }
        balance(assignment, subscriptions);
        return Assignments.sorted(assignment);
    }

    private static List<TopicPartition> fewest(Map<String, List<TopicPartition>> assignment,
                                               Map<String, List<String>> subscriptions, String topic) {
        return assignment.entrySet().stream()
                .filter(entry -> subscriptions.get(entry.getKey()).contains(topic))
                .min(Comparator.comparingInt((Map.Entry<String, List<TopicPartition>> entry) -> entry.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .orElseThrow().getValue();
    }

    private static void balance(Map<String, List<TopicPartition>> assignment, Map<String, List<String>> subscriptions) {
        boolean moved = true;
        while (moved) {
            moved = false;
            List<String> byLoad = new ArrayList<>(assignment.keySet());
            byLoad.sort(Comparator.comparingInt((String member) -> assignment.get(member).size()).reversed()
                    .thenComparing(Comparator.naturalOrder()));
            for (String full : byLoad) {
                List<TopicPartition> from = assignment.get(full);
                for (TopicPartition partition : new ArrayList<>(from)) {
                    List<TopicPartition> to = fewest(assignment, subscriptions, partition.topic());
                    if (from.size() - to.size() > 1) {
                        from.remove(partition);
                        to.add(partition);
                        moved = true;
                        break;
                    }
                }
                if (moved) {
                    break;
                }
            }
        }
    }
}
