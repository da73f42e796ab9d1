package dev.streamlog.gateway.config;

import dev.streamlog.support.cluster.ClusterClientTimeouts;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the gateway service, prefix {@code streamlog.gateway}. Immutable.
 *
 * @param maxRequestSize     the largest request body accepted, whatever the route; a larger one is answered
 *                           413/41301 before it is buffered. Default 8MB
 * @param storageTimeout     connect timeout and request timeout of every call to a storage node (a long-poll read
 *                           waits its poll time plus this), and of the ZooKeeper re-reads done on a moved leader.
 *                           Default 15s (longer than a storage node's acks=all wait)
 * @param controllerTimeout  connect timeout and request timeout of every admin call forwarded to the active
 *                           controller, and of the ZooKeeper re-read of the controller latch. Default 10s
 * @param coordinatorTimeout connect timeout and request timeout of every call to a consumer coordinator, and of the
 *                           ZooKeeper re-read of a group's lease. Default 15s
 * @param maxReadTimeout     the longest a read may long-poll: a larger {@code timeout} query parameter is lowered to
 *                           this. Default 30s
 * @param defaultMaxBytes    how many record bytes a read returns when it names no {@code max_bytes}. Default 1MB
 * @param maxBytesCap        the most record bytes one read may ask for: a larger {@code max_bytes} is lowered to
 *                           this. Default 8MB
 * @param bodyReadTimeout    how long a request body may take to arrive whole (it is read without holding a thread);
 *                           a slower one is answered 408/40801. Default 30s
 * @param requestMemory      the memory all requests in progress may hold for their bodies and what is decoded from
 *                           them; a request that would pass it is answered 429/42901. Default 0: a third of the
 *                           JVM's maximum heap
 * @param maxRecordsPerRequest the most records one produce request may carry; more is answered 413/41301. Default
 *                           50000
 * @param deliveryTimeout    how long a produce keeps asking a partition's leader again while it is unavailable for a
 *                           reason that clears by itself and left nothing written (a topic just created, a leader
 *                           being elected or restarting, too few in-sync replicas for a moment), as Kafka's producer
 *                           does until its {@code delivery.timeout.ms}; no new try starts after it. Default 15s (longer than a
 *                           leader failover after a crash, shorter than common HTTP client timeouts)
 * @param maxProduceStreams  how many streamed v3 produces (chunked bodies read while reports are written) may run at
 *                           once, each with a thread of their own pool writing its reports; one more is answered
 *                           429/42901. Default 64
 * @param maxStreamDuration  how long one streamed produce may run; then it ends with a 408 report, as Confluent's
 *                           {@code streaming.connection.max.duration.ms}. Default 24h (Confluent's default)
 * @param appendsInFlight    how many appends requests to one storage node (per acks level) may be in flight at once;
 *                           the appends client requests make while that many are out wait and travel together in
 *                           the next one (Kafka's {@code max.in.flight.requests.per.connection}). Default 1: under
 *                           load, one request out per node carries the most appends, which measured best
 *                           (docs/performance.md)
 */
@ConfigurationProperties("streamlog.gateway")
public record GatewayProperties(@DefaultValue("8MB") DataSize maxRequestSize,
                                @DefaultValue("15s") Duration storageTimeout,
                                @DefaultValue("10s") Duration controllerTimeout,
                                @DefaultValue("15s") Duration coordinatorTimeout,
                                @DefaultValue("30s") Duration maxReadTimeout,
                                @DefaultValue("1MB") DataSize defaultMaxBytes,
                                @DefaultValue("8MB") DataSize maxBytesCap,
                                @DefaultValue("15s") Duration deliveryTimeout,
                                @DefaultValue("30s") Duration bodyReadTimeout,
                                @DefaultValue("0B") DataSize requestMemory,
                                @DefaultValue("50000") int maxRecordsPerRequest,
                                @DefaultValue("64") int maxProduceStreams,
                                @DefaultValue("24h") Duration maxStreamDuration,
                                @DefaultValue("1") int appendsInFlight)
        implements ClusterClientTimeouts {

    public GatewayProperties {
        requirePositive("max-request-size", maxRequestSize.toBytes());
        requirePositive("storage-timeout", storageTimeout.toMillis());
        requirePositive("controller-timeout", controllerTimeout.toMillis());
        requirePositive("coordinator-timeout", coordinatorTimeout.toMillis());
        if (maxReadTimeout.isNegative()) {
            throw new IllegalArgumentException("streamlog.gateway.max-read-timeout must not be negative");
        }
        requirePositive("default-max-bytes", defaultMaxBytes.toBytes());
        requirePositive("max-bytes-cap", maxBytesCap.toBytes());
        requirePositive("delivery-timeout", deliveryTimeout.toMillis());
        requirePositive("body-read-timeout", bodyReadTimeout.toMillis());
        requirePositive("max-records-per-request", maxRecordsPerRequest);
        requirePositive("max-produce-streams", maxProduceStreams);
        requirePositive("max-stream-duration", maxStreamDuration.toMillis());
        requirePositive("appends-in-flight", appendsInFlight);
        if (requestMemory.isNegative()) {
            throw new IllegalArgumentException("streamlog.gateway.request-memory must not be negative");
        }
        if (maxBytesCap.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("streamlog.gateway.max-bytes-cap must be below 2GB");
        }
        if (defaultMaxBytes.toBytes() > maxBytesCap.toBytes()) {
            throw new IllegalArgumentException("streamlog.gateway.default-max-bytes must not exceed max-bytes-cap");
        }
    }

    /**
     * How long Spring MVC lets an asynchronous request run before answering it itself: longer than the worst
     * chain of our own timed calls (a long poll, a ZooKeeper re-read after a moved leader, the retried long poll;
     * or three controller calls; or a produce's tries within the delivery timeout, the last one taking up to the
     * storage timeout), so our own timeouts always fire first.
     */
    public Duration asyncRequestTimeout() {
        Duration slowest = storageTimeout.compareTo(controllerTimeout) > 0 ? storageTimeout : controllerTimeout;
        slowest = slowest.compareTo(coordinatorTimeout) > 0 ? slowest : coordinatorTimeout;
        Duration reads = maxReadTimeout.multipliedBy(2).plus(slowest.multipliedBy(4));
        Duration produce = deliveryTimeout.plus(storageTimeout.multipliedBy(2));
        return (reads.compareTo(produce) > 0 ? reads : produce).plusSeconds(5);
    }

    /** {@link #requestMemory} in bytes, a third of the maximum heap when it is 0. */
    public long requestMemoryBytes() {
        return requestMemory.toBytes() > 0 ? requestMemory.toBytes() : Runtime.getRuntime().maxMemory() / 3;
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("streamlog.gateway." + name + " must be positive");
        }
    }
}
