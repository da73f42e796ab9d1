package dev.streamlog.coordinator.group;

import dev.streamlog.coordinator.assignment.Assignments;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.v2.CreateConsumerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consumer group's membership: its instances, its generation and the current assignment of the
 * subscribed partitions to its active subscribed members, computed on the server by the group's
 * assignor (chosen by its first instance). Every change of who takes part (subscribe, unsubscribe,
 * delete, a member going quiet or coming back) or of what the subscriptions cover (partitions
 * added, a new topic matching a pattern) is a rebalance: a new assignment and the next
 * generation. A member's positions in partitions it loses are dropped; the new owner starts from
 * the committed offset.
 *
 * <p>Not thread-safe by itself: callers hold the group's monitor ({@code synchronized (group)})
 * around every use.
 */
public final class ConsumerGroup {

    private final String id;
    private String assignor;
    private long generation;
    private final Map<String, ConsumerInstance> instances = new TreeMap<>();
    private Map<String, List<TopicPartition>> assignment = Map.of();
    private Map<String, Integer> assignedTopics = Map.of();

    ConsumerGroup(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The group's assignor, or null before its first instance. */
    public String assignor() {
        return assignor;
    }

    public long generation() {
        return generation;
    }

    /** Restores a generation read back from the log (only ever moves forward). */
    public void restoreGeneration(long persisted) {
        generation = Math.max(generation, persisted);
    }

    /** Instances by name, sorted (live view). */
    public Map<String, ConsumerInstance> instances() {
        return instances;
    }

    /** The current assignment by member, for members that take part (live view). */
    public Map<String, List<TopicPartition>> assignment() {
        return assignment;
    }

    /**
     * Adds an instance owned by {@code owner}, the principal creating it.
     *
     * @throws CoordinatorException 409/40902 when the name is taken; 422/42204 for a bad setting
     */
    public ConsumerInstance create(String name, CreateConsumerRequest request, String owner, long now) {
        if (instances.containsKey(name)) {
            throw new CoordinatorException(ErrorCode.CONSUMER_ALREADY_EXISTS, "consumer instance '" + name
                    + "' already exists in group '" + id + "'");
        }
        ConsumerInstance instance = new ConsumerInstance(name, owner, request, now);
        if (assignor == null) {
            assignor = instance.settings().assignor();
        }
        instances.put(name, instance);
        return instance;
    }

    /** Re-creates an instance read back from the log, inactive until it is heard from. */
    public ConsumerInstance restore(String name, CreateConsumerRequest request, String owner,
                                    Subscription subscription, List<TopicPartition> manual, long now) {
        ConsumerInstance instance = new ConsumerInstance(name, owner, request, now);
        if (assignor == null) {
            assignor = instance.settings().assignor();
        }
        instance.subscription(subscription);
        instance.manual(manual);
        instances.put(name, instance);
        return instance;
    }

    /**
     * The instance called {@code name}.
     *
     * @throws CoordinatorException 404/40403 when there is none
     */
    public ConsumerInstance instance(String name) {
        ConsumerInstance instance = instances.get(name);
        if (instance == null) {
            throw new CoordinatorException(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, "consumer instance '" + name
                    + "' not found in group '" + id + "'");
        }
        return instance;
    }

    /** Removes an instance; answers whether it took part in the assignment (a rebalance is due). */
    public boolean remove(String name) {
        ConsumerInstance removed = instances.remove(name);
        return removed != null && removed.active() && removed.subscription() != null;
    }

    /**
     * Subscribes {@code instance}; it takes part from now on.
     *
     * @throws CoordinatorException 409/40903 when it has a manual assignment
     */
    public void subscribe(ConsumerInstance instance, Subscription subscription) {
        if (instance.manual() != null) {
            throw new CoordinatorException(ErrorCode.ILLEGAL_STATE, "consumer instance '" + instance.name()
                    + "' has a manual assignment; subscribe and assign are exclusive (delete the assignment first)");
        }
        instance.subscription(subscription);
        instance.active(true);
    }

    /** Ends {@code instance}'s subscription; answers whether it took part (a rebalance is due). */
    public boolean unsubscribe(ConsumerInstance instance) {
        boolean tookPart = instance.active() && instance.subscription() != null;
        instance.subscription(null);
        instance.active(false);
        instance.positions().clear();
        return tookPart;
    }

    /**
     * Assigns partitions to {@code instance} by hand (outside the group's assignment); positions in
     * other partitions are dropped.
     *
     * @throws CoordinatorException 409/40903 when it is subscribed
     */
    public void assignManually(ConsumerInstance instance, List<TopicPartition> partitions) {
        if (instance.subscription() != null) {
            throw new CoordinatorException(ErrorCode.ILLEGAL_STATE, "consumer instance '" + instance.name()
                    + "' is subscribed; subscribe and assign are exclusive (unsubscribe first)");
        }
        instance.manual(List.copyOf(partitions));
        instance.positions().keySet().retainAll(partitions);
    }

    /** The partitions {@code instance} reads now: its manual assignment, else its share of the group's. */
    public List<TopicPartition> partitionsOf(ConsumerInstance instance) {
        if (instance.manual() != null) {
            return instance.manual();
        }
        return instance.active() ? assignment.getOrDefault(instance.name(), List.of()) : List.of();
    }

    /**
     * Marks {@code instance} as taking part again (it polled after going quiet); answers whether
     * that needs a rebalance.
     */
    public boolean rejoin(ConsumerInstance instance) {
        if (instance.active() || instance.subscription() == null) {
            return false;
        }
        instance.active(true);
        return true;
    }

    /**
     * Reassigns the subscribed partitions among the active subscribed members and moves to the
     * next generation.
     *
     * @param topicCounts every existing topic and its partition count
     */
    public void rebalance(Map<String, Integer> topicCounts) {
        Map<String, List<String>> subscriptions = subscriptions(topicCounts);
        Map<String, Integer> counts = subscribedCounts(subscriptions, topicCounts);
        Map<String, List<TopicPartition>> next = Assignments.byName(assignor == null ? "range" : assignor)
                .orElseThrow().assign(subscriptions, counts, assignment);
        for (ConsumerInstance instance : instances.values()) {
            if (instance.manual() == null) {
                instance.positions().keySet().retainAll(next.getOrDefault(instance.name(), List.of()));
            }
        }
        assignment = next;
        assignedTopics = counts;
        generation++;
    }

    /** Whether the subscriptions now cover other topics or partition counts than the assignment used. */
    public boolean coverageChanged(Map<String, Integer> topicCounts) {
        return !subscribedCounts(subscriptions(topicCounts), topicCounts).equals(assignedTopics);
    }

    /**
     * Applies the timeouts at {@code now}: an instance not heard from for its instance timeout is
     * removed (its name is returned, to be forgotten in the log); an active one quiet past its
     * session timeout or poll interval stops taking part. Answers whether a rebalance is due.
     */
    public Expiry expire(long now) {
        List<String> removed = new ArrayList<>();
        boolean rebalance = false;
        for (ConsumerInstance instance : List.copyOf(instances.values())) {
            InstanceSettings settings = instance.settings();
            if (now - instance.lastSeen() >= settings.instanceTimeout().toMillis()) {
                rebalance |= remove(instance.name());
                removed.add(instance.name());
            } else if (instance.active() && (now - instance.lastSeen() >= settings.sessionTimeout().toMillis()
                    || now - instance.lastPoll() >= settings.maxPollInterval().toMillis())) {
                instance.active(false);
                rebalance |= instance.subscription() != null;
            }
        }
        return new Expiry(removed, rebalance);
    }

    /** What {@link #expire} did: instances removed, and whether a rebalance is due. */
    public record Expiry(List<String> removed, boolean rebalanceDue) {
    }

    private Map<String, List<String>> subscriptions(Map<String, Integer> topicCounts) {
        Map<String, List<String>> subscriptions = new TreeMap<>();
        instances.values().stream().filter(instance -> instance.active() && instance.subscription() != null)
                .forEach(instance -> subscriptions.put(instance.name(),
                        instance.subscription().resolve(topicCounts.keySet())));
        return subscriptions;
    }

    private static Map<String, Integer> subscribedCounts(Map<String, List<String>> subscriptions,
                                                         Map<String, Integer> topicCounts) {
        Map<String, Integer> counts = new HashMap<>();
        subscriptions.values().forEach(topics -> topics.stream().filter(topicCounts::containsKey)
                .forEach(topic -> counts.put(topic, topicCounts.get(topic))));
        return counts;
    }
}
