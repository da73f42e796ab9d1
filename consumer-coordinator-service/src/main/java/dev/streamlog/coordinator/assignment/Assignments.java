package dev.streamlog.coordinator.assignment;

import dev.streamlog.model.TopicPartition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the assignors share: the order of partitions, the sorted member ids, the partitions a
 * subscription covers, the choice of an assignor by name. Stateless.
 */
public final class Assignments {

    /** Partitions ordered by topic, then number. */
    public static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private static final List<Assignor> ASSIGNORS =
            List.of(new RangeAssignor(), new RoundRobinAssignor(), new StickyAssignor());

    private Assignments() {
    }

    /** The assignor called {@code name} (case-insensitive), if there is one. */
    public static Optional<Assignor> byName(String name) {
        return ASSIGNORS.stream().filter(assignor -> assignor.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The names of every assignor, for error messages. */
    public static List<String> names() {
        return ASSIGNORS.stream().map(Assignor::name).toList();
    }

    /** An empty, sorted assignment with a list for every member. */
    static Map<String, List<TopicPartition>> empty(Map<String, List<String>> subscriptions) {
        Map<String, List<TopicPartition>> assignment = new TreeMap<>();
        subscriptions.keySet().forEach(member -> assignment.put(member, new ArrayList<>()));
        return assignment;
    }

    /** Every existing topic some member subscribes to, sorted. */
    static TreeSet<String> subscribedTopics(Map<String, List<String>> subscriptions, Map<String, Integer> counts) {
        TreeSet<String> topics = new TreeSet<>();
        subscriptions.values().forEach(list -> list.stream().filter(counts::containsKey).forEach(topics::add));
        return topics;
    }

    /** The members subscribed to {@code topic}, sorted. */
    static List<String> subscribers(String topic, Map<String, List<String>> subscriptions) {
        return subscriptions.entrySet().stream().filter(entry -> entry.getValue().contains(topic))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** Sorts every member's list. */
    static Map<String, List<TopicPartition>> sorted(Map<String, List<TopicPartition>> assignment) {
        assignment.values().forEach(list -> list.sort(ORDER));
        return assignment;
    }
}
