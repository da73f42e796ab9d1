package dev.streamlog.coordinator.assignment;

import dev.streamlog.model.TopicPartition;
import java.util.List;
import java.util.Map;

/**
 * Kafka's range strategy: topic by topic, the members subscribed to it (sorted by id) get
 * consecutive ranges of its partitions; with {@code n} partitions and {@code m} members each gets
 * {@code n / m}, and the first {@code n % m} one more.
 */
public final class RangeAssignor implements Assignor {

    @Override
    public String name() {
        return "range";
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, List<String>> subscriptions,
                                                    Map<String, Integer> partitionCounts,
                                                    Map<String, List<TopicPartition>> previous) {
        Map<String, List<TopicPartition>> assignment = Assignments.empty(subscriptions);
        for (String topic : Assignments.subscribedTopics(subscriptions, partitionCounts)) {
            List<String> members = Assignments.subscribers(topic, subscriptions);
            int partitions = partitionCounts.get(topic);
            int each = partitions / members.size();
            int extra = partitions % members.size();
            int next = 0;
            for (int i = 0; i < members.size(); i++) {
                int count = each + (i < extra ? 1 : 0);
                for (int p = next; p < next + count; p++) {
                    assignment.get(members.get(i)).add(new TopicPartition(topic, p));
                }
                next += count;
            }
        }
        return Assignments.sorted(assignment);
    }
}
