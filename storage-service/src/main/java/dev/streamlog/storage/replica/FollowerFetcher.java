package dev.streamlog.storage.replica;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.RecordBatch;
import dev.streamlog.model.internal.EpochEndOffsetResponse;
import dev.streamlog.storage.datadir.DataDir;
import dev.streamlog.storage.log.EpochEndOffset;
import dev.streamlog.storage.log.PartitionLog;
import dev.streamlog.storage.partition.HostedPartition;
import dev.streamlog.storage.partition.Leadership;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one local replica follow its leader in one leader epoch, as a loop of asynchronous
 * requests (no thread of its own):
 * <ol>
 *   <li><b>Truncate.</b> Ask the leader where this replica's latest epoch ends in the leader's
 *       log; truncate to the lesser of that and where the leader's answering epoch ends here;
 *       ask again until both agree (each round drops at least one epoch, so this ends). This
 *       removes records an old leader appended that the current leader never had.</li>
 *   <li><b>Fetch.</b> From the local log end, in the leader's epoch: append the raw batches
 *       as they are, take the leader's high watermark, and fetch again at once (the leader
 *       holds the request while there is nothing new).</li>
 * </ol>
 * Any failure (leader unreachable, another epoch, a gap) waits {@code fetch-backoff} and starts
 * again from the truncation step. Once {@link #stop() stopped} nothing more is written: the
 * check happens under the partition's append lock.
 *
 * <p>Thread-safe: one step runs at a time (each is started by the previous one's completion).
 */
final class FollowerFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(FollowerFetcher.class);
    private static final int MAX_TRUNCATION_ROUNDS = 64;

    private final HostedPartition partition;
    private final TopicPartition tp;
    private final Leadership leadership;
    private final int localId;
    private final ReplicaClient client;
    private final ScheduledExecutorService scheduler;
    private final int maxBytes;
    private final Duration maxWait;
    private final Duration backoff;
    private final DataDir dataDir;
    private volatile boolean stopped;
    private int truncationRounds;
    private int failures;

    FollowerFetcher(HostedPartition partition, Leadership leadership, int localId, ReplicaClient client,
                     ScheduledExecutorService scheduler, int maxBytes, Duration maxWait, Duration backoff,
                     DataDir dataDir) {
        this.partition = partition;
        this.tp = partition.topicPartition();
        this.leadership = leadership;
        this.localId = localId;
        this.client = client;
        this.scheduler = scheduler;
        this.maxBytes = maxBytes;
        this.maxWait = maxWait;
        this.backoff = backoff;
        this.dataDir = dataDir;
    }

    void start() {
        truncate();
    }

    void stop() {
        stopped = true;
    }

    private void truncate() {
        if (stopped) {
            return;
        }
        OptionalInt latest = partition.log().latestEpoch();
        if (latest.isEmpty()) {
            fetch();
            return;
        }
        int asked = latest.getAsInt();
        client.epochEndOffset(leadership.leaderId(), tp, asked, leadership.leaderEpoch())
                .whenComplete((answer, error) -> {
                    if (error != null) {
                        retryLater("epoch-end-offset", error);
                    } else {
                        guarded("truncation", () -> onEpochEnd(asked, answer));
                    }
                });
    }

    private void onEpochEnd(int asked, EpochEndOffsetResponse answer) {
        if (answer.leaderEpoch() == EpochEndOffset.UNDEFINED_EPOCH) {
            retryLater("epoch-end-offset", new IllegalStateException("the leader knows no epoch up to " + asked));
            return;
        }
        PartitionLog log = partition.log();
        if (answer.leaderEpoch() == asked && answer.endOffset() >= log.logEndOffset()) {
            truncationRounds = 0;
            fetch();
            return;
        }
        EpochEndOffset local = log.endOffsetForEpoch(answer.leaderEpoch());
        long target = local.endOffset() == EpochEndOffset.UNDEFINED_OFFSET ? answer.endOffset()
                : Math.min(answer.endOffset(), local.endOffset());
        if (!underAppendLock(() -> {
            log.truncateTo(target);
            partition.truncated();
        })) {
            return;
        }
        if (++truncationRounds > MAX_TRUNCATION_ROUNDS) {
            truncationRounds = 0;
            retryLater("truncation", new IllegalStateException("no agreement with the leader after "
                    + MAX_TRUNCATION_ROUNDS + " rounds"));
            return;
        }
        truncate();
    }

    private void fetch() {
        if (stopped) {
            return;
        }
        long offset = partition.log().logEndOffset();
        client.fetch(leadership.leaderId(), tp, localId, offset, leadership.leaderEpoch(), maxBytes,
                        maxWait)
                .whenComplete((answer, error) -> {
                    if (error != null) {
                        retryLater("fetch", error);
                    } else {
                        guarded("append", () -> onFetched(offset, answer));
                    }
                });
    }

    private void onFetched(long offset, FetchedBatches answer) {
        if (answer.batches().length > 0) {
            dataDir.checkWritable();
        }
        boolean appended = underAppendLock(() -> {
            PartitionLog log = partition.log();
            if (log.logEndOffset() != offset) {
                throw new IllegalStateException("the log end moved from " + offset + " to " + log.logEndOffset()
                        + " during a fetch");
            }
            ByteBuffer bytes = ByteBuffer.wrap(answer.batches());
            while (bytes.remaining() >= RecordBatch.LOG_OVERHEAD) {
                int size = RecordBatch.LOG_OVERHEAD + bytes.getInt(bytes.position() + RecordBatch.LENGTH_OFFSET);
                if (size > bytes.remaining()) {
                    break;
                }
                log.appendAsFollower(bytes.slice(bytes.position(), size));
                bytes.position(bytes.position() + size);
            }
            partition.followLeaderHighWatermark(answer.highWatermark());
        });
        if (appended) {
            if (failures > 0) {
                LOG.info("event=follower-fetching partition={} leader={} epoch={} logEndOffset={}", tp,
                        leadership.leaderId(), leadership.leaderEpoch(), partition.log().logEndOffset());
            }
            failures = 0;
            fetch();
        }
    }

    /** Runs {@code step} under the append lock unless stopped; returns whether it ran. */
    private boolean underAppendLock(Runnable step) {
        ReentrantLock lock = partition.appendLock();
        lock.lock();
        try {
            if (stopped) {
                return false;
            }
            step.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a local step; a failure of the data dir itself takes it offline (which stops every fetcher), any other
     * failure is retried later.
     */
    private void guarded(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | InternalError e) {
            if (DataDir.isDirFailure(e)) {
                stopped = true;
                dataDir.failed("following " + tp + " (" + what + ")", e);
                return;
            }
            retryLater(what, e);
        }
    }

    private void retryLater(String what, Throwable error) {
        if (stopped) {
            return;
        }
        truncationRounds = 0;
        if (failures++ == 0) {
            LOG.info("event=follower-retrying partition={} leader={} epoch={} step={} error={}", tp,
                    leadership.leaderId(), leadership.leaderEpoch(), what, rootMessage(error));
        } else {
            LOG.debug("event=follower-retrying partition={} step={} failures={} error={}", tp, what, failures,
                    rootMessage(error));
        }
        try {
            scheduler.schedule(this::truncate, backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            stopped = true;
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}
