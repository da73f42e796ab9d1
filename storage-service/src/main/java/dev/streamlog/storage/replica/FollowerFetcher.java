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
 *   <li><b>Fetch.</b> Join the {@link FetchSession} of the leader broker, which fetches this
 *       partition together with every other one this node follows there: from the local log
 *       end, in the leader's epoch. Append the raw batches of each answer as they are, take the
 *       leader's high watermark, and stay for the next fetch (the leader holds the request while
 *       no partition has anything new).</li>
 * </ol>
 * Any failure (leader unreachable, another epoch, a gap) waits {@code fetch-backoff} and starts
 * again from the truncation step. Once {@link #stop() stopped} nothing more is written: the
 * check happens under the partition's append lock.
 *
 * <p>Thread-safe: one step runs at a time (each is started by the previous one's completion, or
 * by the session's answer, and the session has one request out at a time).
 */
final class FollowerFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(FollowerFetcher.class);
    private static final int MAX_TRUNCATION_ROUNDS = 64;

    private final HostedPartition partition;
    private final TopicPartition tp;
    private final Leadership leadership;
    private final ReplicaClient client;
    private final FetchSession session;
    private final ScheduledExecutorService scheduler;
    private final Duration backoff;
    private final DataDir dataDir;
    private volatile boolean stopped;
    private int truncationRounds;
    private int failures;

    FollowerFetcher(HostedPartition partition, Leadership leadership, ReplicaClient client, FetchSession session,
                    ScheduledExecutorService scheduler, Duration backoff, DataDir dataDir) {
        this.partition = partition;
        this.tp = partition.topicPartition();
        this.leadership = leadership;
        this.client = client;
        this.session = session;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.dataDir = dataDir;
    }

    void start() {
        truncate();
    }

    void stop() {
        stopped = true;
    }

    boolean isStopped() {
        return stopped;
    }

    /** Where this replica stands: the leader epoch it follows and its log end. */
    FetchPosition position() {
        return new FetchPosition(tp, leadership.leaderEpoch(), partition.log().logEndOffset());
    }

    /**
     * Takes the leader's answer for the position the session sent. An error, or a failure to append, makes this
     * fetcher leave the session and retry on its own.
     */
    void fetched(FetchPosition sent, PartitionFetch answer) {
        if (answer.isError()) {
            failed(new ReplicaRequestException(answer.status(), answer.error()));
        } else {
            guarded("append", () -> onFetched(sent.offset(), answer.fetched()));
        }
    }

    /** The session's request failed: leaves the session and retries later. */
    void failed(Throwable error) {
        retryLater("fetch", error);
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
        if (!stopped) {
            session.join(this);
        }
    }

    private void onFetched(long offset, FetchedBatches answer) {
        if (answer.batches().hasRemaining()) {
            dataDir.checkWritable();
        }
        boolean appended = underAppendLock(() -> {
            PartitionLog log = partition.log();
            if (log.logEndOffset() != offset) {
                throw new IllegalStateException("the log end moved from " + offset + " to " + log.logEndOffset()
                        + " during a fetch");
            }
            ByteBuffer bytes = answer.batches().slice();
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

    /** Leaves the session (before anything can make this fetcher join again) and starts over after the backoff. */
    private void retryLater(String what, Throwable error) {
        session.leave(this);
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
