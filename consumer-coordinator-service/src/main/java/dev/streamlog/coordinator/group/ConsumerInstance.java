package dev.streamlog.coordinator.group;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.v2.CreateConsumerRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP consumer instance, a member of its group: its settings, what it subscribes to or was
 * assigned by hand, its fetch positions (the next offset it will read per partition) and when it
 * was last heard from. An instance is <em>active</em> while it takes part in the group's
 * assignment: from its subscription or next poll until it goes quiet past its session timeout or
 * poll interval.
 *
 * <p>Not thread-safe: guarded by its {@link ConsumerGroup}'s lock.
 */
public final class ConsumerInstance {

    private final String name;
    private final String owner;
    private final CreateConsumerRequest request;
    private final InstanceSettings settings;
    private Subscription subscription;
    private List<TopicPartition> manual;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private long lastSeen;
    private long lastPoll;
    private long lastAutoCommit;
    private boolean active;

    ConsumerInstance(String name, String owner, CreateConsumerRequest request, long now) {
        this.name = name;
        this.owner = owner;
        this.request = request;
        this.settings = InstanceSettings.of(request);
        this.lastSeen = now;
        this.lastPoll = now;
        this.lastAutoCommit = now;
    }

    public String name() {
        return name;
    }

    /** The principal that created it ({@code User:alice}); no other may use it. */
    public String owner() {
        return owner;
    }

    /** The create request as the client sent it (kept in {@code __consumer_offsets}). */
    public CreateConsumerRequest request() {
        return request;
    }

    public InstanceSettings settings() {
        return settings;
    }

    /** The subscription, or null. */
    public Subscription subscription() {
        return subscription;
    }

    void subscription(Subscription next) {
        this.subscription = next;
    }

    /** The manual assignment, or null. */
    public List<TopicPartition> manual() {
        return manual;
    }

    void manual(List<TopicPartition> next) {
        this.manual = next;
    }

    /** Fetch positions by partition (live view). */
    public Map<TopicPartition, Long> positions() {
        return positions;
    }

    public boolean active() {
        return active;
    }

    void active(boolean next) {
        this.active = next;
    }

    public long lastSeen() {
        return lastSeen;
    }

    public long lastPoll() {
        return lastPoll;
    }

    public void seen(long now) {
        this.lastSeen = now;
    }

    public void polled(long now) {
        this.lastSeen = now;
        this.lastPoll = now;
    }

    /**
     * Whether a poll at {@code now} auto-commits: auto-commit is on and its interval has passed since the last
     * auto-commit (or the instance's creation, as a Kafka consumer's first auto-commit waits for the interval too);
     * if so, {@code now} becomes the last auto-commit.
     */
    public boolean autoCommitDue(long now) {
        if (!settings.autoCommit() || now - lastAutoCommit < settings.autoCommitInterval().toMillis()) {
            return false;
        }
        lastAutoCommit = now;
        return true;
    }
}
