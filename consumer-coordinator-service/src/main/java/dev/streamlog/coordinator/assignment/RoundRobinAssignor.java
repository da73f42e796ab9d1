package dev.streamlog.coordinator.assignment;

import dev.streamlog.model.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kafka's round-robin strategy: every subscribed partition, sorted by topic and number, goes to
 * the next member in a circle of the member ids (sorted), skipping members not subscribed to its
 * topic.
 */
public final class RoundRobinAssignor implements Assignor {

    @Override
    public String name() {
        return "roundrobin";
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, List<String>> subscriptions,
                                                    Map<String, Integer> partitionCounts,
                                                    Map<String, List<TopicPartition>> previous) {
        Map<String, List<TopicPartition>> assignment = Assignments.empty(subscriptions);
        List<String> members = new ArrayList<>(assignment.keySet());
        int cursor = 0;
        for (String topic : Assignments.subscribedTopics(subscriptions, partitionCounts)) {
            for (int p = 0; p < partitionCounts.get(topic); p++) {
                while (!subscriptions.get(members.get(cursor % members.size())).contains(topic)) {
                    cursor++;
                }
                assignment.get(members.get(cursor % members.size())).add(new TopicPartition(topic, p));
                cursor++;
            }
        }
        return Assignments.sorted(assignment);
    }
}
