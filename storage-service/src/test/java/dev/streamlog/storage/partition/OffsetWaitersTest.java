package dev.streamlog.storage.partition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.TopicPartition;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OffsetWaitersTest {

    private static final Duration LONG = Duration.ofMinutes(10);
    private final TopicPartition t0 = new TopicPartition("t", 0);
    private final TopicPartition t1 = new TopicPartition("t", 1);
    private final AtomicLong end = new AtomicLong(5);
    private OffsetWaiters waiters;

    @BeforeEach
    void start() {
        waiters = new HighWatermarkWaiters();
        waiters.start();
    }

    @AfterEach
    void stop() {
        waiters.stop();
    }

    @Test
    void anAppendPastTheOffsetReleasesTheWaiter() throws Exception {
        CompletableFuture<Void> waiting = waiters.await(t0, 5, LONG, end::get);
        assertThat(waiting).isNotDone();
        assertThat(waiters.waiting()).isEqualTo(1);
        waiters.advanced(t0, 6);
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    void appendsElsewhereOrNotPastTheOffsetDoNot() {
        CompletableFuture<Void> waiting = waiters.await(t0, 5, LONG, end::get);
        waiters.advanced(t1, 100);
        waiters.advanced(t0, 5);
        assertThat(waiting).isNotDone();
        assertThat(waiters.waiting()).isEqualTo(1);
    }

    @Test
    void everyWaiterOfThePartitionIsReleased() throws Exception {
        CompletableFuture<Void> first = waiters.await(t0, 5, LONG, end::get);
        CompletableFuture<Void> second = waiters.await(t0, 5, LONG, end::get);
        CompletableFuture<Void> later = waiters.await(t0, 7, LONG, end::get);
        waiters.advanced(t0, 6);
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(later).isNotDone();
    }

    @Test
    void aRecordAlreadyThereReleasesAtOnce() throws Exception {
        end.set(6);
        waiters.await(t0, 5, LONG, end::get).get(10, TimeUnit.SECONDS);
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    void theWaitRunsOut() throws Exception {
        CompletableFuture<Void> waiting = waiters.await(t0, 5, Duration.ofMillis(20), end::get);
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    void stoppingReleasesEveryWaiterAndLaterWaitsEndAtOnce() throws Exception {
        CompletableFuture<Void> waiting = waiters.await(t0, 5, LONG, end::get);
        waiters.stop();
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(waiters.isRunning()).isFalse();
        waiters.await(t1, 5, LONG, end::get).get(10, TimeUnit.SECONDS);
    }
}
