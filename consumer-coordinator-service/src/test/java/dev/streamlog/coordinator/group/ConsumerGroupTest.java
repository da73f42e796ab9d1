package dev.streamlog.coordinator.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.v2.ConsumerSubscription;
import dev.streamlog.model.v2.CreateConsumerRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerGroupTest {

    private static final String OWNER = "User:alice";

    private static final Map<String, Integer> TOPICS = Map.of("orders", 6, "audit", 2);

    private final ConsumerGroup group = new ConsumerGroup("g");

    private static CreateConsumerRequest settings(String session, String maxPoll, String instanceTimeout) {
        return new CreateConsumerRequest(null, "json", "earliest", "false", null, null, session, maxPoll,
                instanceTimeout, null, null);
    }

    private ConsumerInstance member(String name, long now) {
        ConsumerInstance instance = group.create(name, settings("3000", "10000", "60000"), OWNER, now);
        group.subscribe(instance, Subscription.of(new ConsumerSubscription(List.of("orders"), null)));
        group.rebalance(TOPICS);
        return instance;
    }

    private static void assertRefused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CoordinatorException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void threeMembersOfASixPartitionTopicGetTwoEachAndAFourthRebalances() {
        ConsumerInstance a = member("a", 0);
        ConsumerInstance b = member("b", 0);
        ConsumerInstance c = member("c", 0);

        assertThat(group.generation()).isEqualTo(3);
        for (ConsumerInstance instance : List.of(a, b, c)) {
            assertThat(group.partitionsOf(instance)).hasSize(2);
        }
        a.positions().put(new TopicPartition("orders", 0), 5L);
        a.positions().put(new TopicPartition("orders", 1), 7L);

        ConsumerInstance d = member("d", 0);

        assertThat(group.generation()).isEqualTo(4);
        assertThat(group.partitionsOf(d)).isNotEmpty();
        assertThat(a.positions().keySet()).as("positions only in partitions it still reads")
                .allMatch(partition -> group.partitionsOf(a).contains(partition));
    }

    @Test
    void aQuietMemberLeavesTheAssignmentAndComesBackWhenItPolls() {
        ConsumerInstance a = member("a", 0);
        ConsumerInstance b = member("b", 0);
        b.polled(2_500);

        ConsumerGroup.Expiry expiry = group.expire(3_000);
        assertThat(expiry.rebalanceDue()).isTrue();
        assertThat(expiry.removed()).isEmpty();
        group.rebalance(TOPICS);

        assertThat(a.active()).isFalse();
        assertThat(group.partitionsOf(a)).isEmpty();
        assertThat(group.partitionsOf(b)).hasSize(6);
        assertThat(group.rejoin(a)).isTrue();
        group.rebalance(TOPICS);
        assertThat(group.partitionsOf(a)).hasSize(3);
    }

    @Test
    void anInstanceSilentPastItsInstanceTimeoutIsRemoved() {
        member("a", 0);

        ConsumerGroup.Expiry expiry = group.expire(60_000);

        assertThat(expiry.removed()).containsExactly("a");
        assertThat(group.instances()).isEmpty();
    }

    @Test
    void newPartitionsAndNewMatchingTopicsChangeTheCoverage() {
        ConsumerInstance a = group.create("a", settings(null, null, null), OWNER, 0);
        group.subscribe(a, Subscription.of(new ConsumerSubscription(null, "or.*")));
        group.rebalance(TOPICS);
        assertThat(group.partitionsOf(a)).hasSize(6);

        assertThat(group.coverageChanged(TOPICS)).isFalse();
        assertThat(group.coverageChanged(Map.of("orders", 8, "audit", 2))).isTrue();
        assertThat(group.coverageChanged(Map.of("orders", 6, "audit", 2, "orders-eu", 1))).isTrue();
        assertThat(group.coverageChanged(Map.of("orders", 6, "audit", 3))).isFalse();
    }

    @Test
    void conflictsAreRefusedWithTheirCodes() {
        ConsumerInstance a = member("a", 0);
        ConsumerInstance b = group.create("b", settings(null, null, null), OWNER, 0);
        group.assignManually(b, List.of(new TopicPartition("audit", 1)));

        assertRefused(() -> group.create("a", settings(null, null, null), OWNER, 0), ErrorCode.CONSUMER_ALREADY_EXISTS);
        assertRefused(() -> group.instance("nobody"), ErrorCode.CONSUMER_INSTANCE_NOT_FOUND);
        assertRefused(() -> group.assignManually(a, List.of()), ErrorCode.ILLEGAL_STATE);
        assertRefused(() -> group.subscribe(b, Subscription.of(new ConsumerSubscription(List.of("audit"), null))),
                ErrorCode.ILLEGAL_STATE);
        assertThat(group.partitionsOf(b)).containsExactly(new TopicPartition("audit", 1));
    }

    @Test
    void autoCommitIsDueOncePerIntervalCountedFromCreation() {
        ConsumerInstance every5s = group.create("a", autoCommitting(null), OWNER, 1_000);
        assertThat(every5s.settings().autoCommitInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(every5s.autoCommitDue(5_999)).isFalse();
        assertThat(every5s.autoCommitDue(6_000)).isTrue();
        assertThat(every5s.autoCommitDue(10_999)).isFalse();
        assertThat(every5s.autoCommitDue(11_000)).isTrue();
        ConsumerInstance everyPoll = group.create("b", autoCommitting("0"), OWNER, 1_000);
        assertThat(everyPoll.autoCommitDue(1_000)).isTrue();
        assertThat(everyPoll.autoCommitDue(1_000)).isTrue();
        assertThat(group.create("c", settings(null, null, null), OWNER, 0).autoCommitDue(600_000)).as("auto-commit off")
                .isFalse();
        assertRefused(() -> group.create("x", autoCommitting("-1"), OWNER, 0), ErrorCode.INVALID_CONSUMER_CONFIG);
        assertRefused(() -> group.create("x", autoCommitting("5s"), OWNER, 0), ErrorCode.INVALID_CONSUMER_CONFIG);
    }

    private static CreateConsumerRequest autoCommitting(String intervalMs) {
        return new CreateConsumerRequest(null, "json", "earliest", "true", null, null, null, null, null, null,
                intervalMs);
    }

    @Test
    void badSettingsAndSubscriptionsAreRefused() {
        assertRefused(() -> group.create("x", new CreateConsumerRequest(null, "avro", null, null, null, null, null,
                null, null, null, null), OWNER, 0), ErrorCode.INVALID_CONSUMER_CONFIG);
        assertRefused(() -> group.create("x", settings("-1", null, null), OWNER, 0), ErrorCode.INVALID_CONSUMER_CONFIG);
        assertRefused(() -> group.create("x", settings("0", null, null), OWNER, 0), ErrorCode.INVALID_CONSUMER_CONFIG);
        assertRefused(() -> group.create("x", settings(null, null, "999"), OWNER, 0), ErrorCode.INVALID_CONSUMER_CONFIG);
        Subscription costly = Subscription.of(new ConsumerSubscription(null, "(.*){25}z"));
        assertRefused(() -> costly.checkCost(List.of("orders-with-a-long-name-aaaaaaaaaaaaaaaa")),
                ErrorCode.INVALID_CONSUMER_CONFIG);
        assertThat(costly.resolve(List.of("orders-with-a-long-name-aaaaaaaaaaaaaaaa"))).as("gives up, no match")
                .isEmpty();
        Subscription cheap = Subscription.of(new ConsumerSubscription(null, "orders-.*"));
        cheap.checkCost(List.of("orders-eu", "audit"));
        assertThat(cheap.resolve(List.of("orders-eu", "audit", "__consumer_offsets"))).containsExactly("orders-eu");
        assertRefused(() -> Subscription.of(new ConsumerSubscription(null, "(unclosed")),
                ErrorCode.INVALID_CONSUMER_CONFIG);
        assertRefused(() -> Subscription.of(new ConsumerSubscription(List.of("a"), "b")),
                ErrorCode.UNPROCESSABLE_ENTITY);
        assertRefused(() -> Subscription.of(new ConsumerSubscription(List.of("bad name"), null)),
                ErrorCode.BAD_REQUEST);
    }
}
