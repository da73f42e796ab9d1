package dev.streamlog.storage.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The storage node's settings, prefix {@code streamlog.storage}. Immutable; checked when bound,
 * so a node with a missing or impossible setting does not start.
 *
 * @param nodeId         {@code node-id}: this node's broker id, unique in the cluster, at least 0 (required)
 * @param dataDir        {@code data-dir}: directory holding this node's partition logs; created if missing (required)
 * @param advertisedHost {@code advertised-host}: host other services reach this node on, written to its
 *                       registration znode (default {@code 127.0.0.1}); the port is the HTTP server's
 * @param rack           {@code rack}: rack or zone label for replica placement (optional)
 * @param engine         {@code engine.*}: how the log engine runs
 * @param read           {@code read.*}: limits of the internal read endpoint
 * @param replication    {@code replication.*}: follower fetching and the ISR
 * @param produce        {@code produce.*}: appends
 */
@ConfigurationProperties("streamlog.storage")
public record StorageProperties(Integer nodeId, Path dataDir, @DefaultValue("127.0.0.1") String advertisedHost,
                                String rack, @DefaultValue Engine engine, @DefaultValue Read read,
                                @DefaultValue Replication replication, @DefaultValue Produce produce) {

    public StorageProperties {
        if (nodeId == null || nodeId < 0) {
            throw new IllegalArgumentException("streamlog.storage.node-id is required and must be at least 0, got "
                    + nodeId);
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("streamlog.storage.data-dir is required");
        }
        if (advertisedHost == null || advertisedHost.isBlank()) {
            throw new IllegalArgumentException("streamlog.storage.advertised-host must not be blank");
        }
        rack = rack == null || rack.isBlank() ? null : rack;
    }

    /**
     * Log engine settings (see {@code LogManager.Settings}).
     *
     * @param recoveryThreads        {@code recovery-threads}: threads opening (and recovering) logs at start-up (default 2)
     * @param retentionCheckInterval {@code retention-check-interval}: how often {@code retention.ms} and
     *                               {@code retention.bytes} are applied (default 5 minutes)
     * @param flushCheckInterval     {@code flush-check-interval}: how often logs with a {@code flush.ms}
     *                               policy are checked for a due fsync (default 1 second)
     * @param minFreeSpace           {@code min-free-space}: free space in the data dir below which its health is
     *                               DOWN and a write takes the dir offline (the node withdraws; see
     *                               {@code DataDir}) (default 64MB)
     */
    public record Engine(@DefaultValue("2") int recoveryThreads,
                         @DefaultValue("5m") Duration retentionCheckInterval,
                         @DefaultValue("1s") Duration flushCheckInterval,
                         @DefaultValue("64MB") DataSize minFreeSpace) {

        public Engine {
            if (recoveryThreads < 1) {
                throw new IllegalArgumentException("streamlog.storage.engine.recovery-threads must be at least 1");
            }
            if (!isPositive(retentionCheckInterval) || !isPositive(flushCheckInterval)) {
                throw new IllegalArgumentException("streamlog.storage.engine check intervals must be positive");
            }
        }
    }

    /**
     * Read endpoint settings.
     *
     * @param maxWait         {@code max-wait}: longest a read at the end of a partition waits for a record;
     *                        a larger {@code timeout_ms} is cut to this (default 30 seconds)
     * @param defaultMaxBytes {@code default-max-bytes}: {@code max_bytes} of a read that gives none (default 1 MB)
     * @param maxBytesLimit   {@code max-bytes-limit}: the largest {@code max_bytes} honoured; a read asking for
     *                        more gets at most this much (default 16 MB), so one request cannot exhaust the heap
     */
    public record Read(@DefaultValue("30s") Duration maxWait, @DefaultValue("1MB") DataSize defaultMaxBytes,
                       @DefaultValue("16MB") DataSize maxBytesLimit) {

        public Read {
            if (maxWait == null || maxWait.isNegative()) {
                throw new IllegalArgumentException("streamlog.storage.read.max-wait must not be negative");
            }
            checkSize("default-max-bytes", defaultMaxBytes);
            checkSize("max-bytes-limit", maxBytesLimit);
        }

        private static void checkSize(String name, DataSize size) {
            if (size == null || size.toBytes() < 1 || size.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("streamlog.storage.read." + name + " must be 1 B to 2 GB");
            }
        }
    }

    /**
     * Replication settings.
     *
     * @param replicaLagTimeMax {@code replica-lag-time-max}: a follower not caught up for this long leaves the ISR
     *                          ({@code replica.lag.time.max.ms}; default 30 seconds)
     * @param fetchMaxWait      {@code fetch-max-wait}: how long a caught-up follower's fetch waits at the leader
     *                          for new records (default 500 ms)
     * @param fetchMaxBytes     {@code fetch-max-bytes}: the most record bytes one follower fetch (every partition it
     *                          follows from one leader) asks for (default
     *                          4 MB; a larger single batch is still sent whole)
     * @param fetchBackoff      {@code fetch-backoff}: pause after a failed fetch before the next try (default 100 ms)
     * @param requestTimeout    {@code request-timeout}: timeout of a request to another storage node, on top of
     *                          the fetch wait (default 10 seconds)
     */
    public record Replication(@DefaultValue("30s") Duration replicaLagTimeMax,
                              @DefaultValue("500ms") Duration fetchMaxWait,
                              @DefaultValue("4MB") DataSize fetchMaxBytes,
                              @DefaultValue("100ms") Duration fetchBackoff,
                              @DefaultValue("10s") Duration requestTimeout) {

        public Replication {
            if (!isPositive(replicaLagTimeMax) || !isPositive(fetchMaxWait) || !isPositive(fetchBackoff)
                    || !isPositive(requestTimeout)) {
                throw new IllegalArgumentException("streamlog.storage.replication durations must be positive");
            }
            if (fetchMaxBytes == null || fetchMaxBytes.toBytes() < 1 || fetchMaxBytes.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("streamlog.storage.replication.fetch-max-bytes must be 1 B to 2 GB");
            }
        }

        /** How often the leader looks for followers to drop from the ISR: a quarter of the lag limit, 100 ms to 5 s. */
        public Duration isrCheckInterval() {
            long quarter = replicaLagTimeMax.toMillis() / 4;
            return Duration.ofMillis(Math.max(100, Math.min(5_000, quarter)));
        }
    }

    /**
     * Append settings.
     *
     * @param ackTimeout     {@code ack-timeout}: how long an acks=all append waits for the ISR to hold its records
     *                       before it is answered 503/50003 (default 10 seconds)
     * @param maxRequestSize {@code max-request-size}: the largest append body read; a larger one is answered
     *                       413/41301 unread (default 16MB, twice the gateway's whole-request cap)
     */
    public record Produce(@DefaultValue("10s") Duration ackTimeout, @DefaultValue("16MB") DataSize maxRequestSize) {

        public Produce {
            if (!isPositive(ackTimeout)) {
                throw new IllegalArgumentException("streamlog.storage.produce.ack-timeout must be positive");
            }
            if (maxRequestSize == null || maxRequestSize.toBytes() < 1
                    || maxRequestSize.toBytes() >= Integer.MAX_VALUE) {
                throw new IllegalArgumentException("streamlog.storage.produce.max-request-size must be 1 B to 2 GB");
            }
        }
    }

    private static boolean isPositive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }
}
