package dev.streamlog.storage.replica;

import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.client.security.ClusterTls;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.EpochEndOffsetResponse;
import dev.streamlog.storage.config.StorageProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A follower's HTTP calls to a leader's replica endpoints: the epoch end offset of one partition
 * before truncating ({@code /internal/v1/replicas/{t}/{p}/epoch-end-offset}), and fetches of every
 * partition it follows from that leader in one request ({@code /internal/v1/replica-fetches}).
 * Every request has a timeout ({@code replication.request-timeout} on top of the fetch wait). A
 * non-200 answer fails the future with a {@link ReplicaRequestException}.
 *
 * <p>Threads: fetches, the hot path, run on one daemon thread per leader ({@code replica-fetch-from-<id>-1}), each
 * over its own keep-alive {@link LeaderConnection}, blocking for the long poll: the node's
 * {@link FetchSession} for that leader has one fetch out at a time, and its answer is handled (appended) on
 * that thread before the next fetch leaves. The rare epoch query goes through the JDK client on its selector
 * thread and completes on {@code CompletableFuture}'s default pool (see {@code CommonPool} in service-support).
 *
 * <p>Every request carries the cluster's {@link ClusterSignature}, and goes over TLS when {@link ClusterTls} says the
 * cluster's services use it.
 *
 * <p>Thread-safe. {@link #close} (with the context) ends the fetch threads and their connections.
 */
@Component
public class ReplicaClient implements AutoCloseable {

    /** Room in a fetch answer besides the record bytes, per partition: its fixed fields, topic and any error. */
    private static final int ANSWER_OVERHEAD = 4096;

    private final BrokerAddresses brokers;
    private final ClusterSignature signature;
    private final ClusterTls tls;
    private final JsonMapper json;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final long maxBatch;
    private final Map<Integer, FetchLane> lanes = new ConcurrentHashMap<>();

    public ReplicaClient(BrokerAddresses brokers, ClusterSignature signature, ClusterTls tls, JsonMapper json,
                         StorageProperties properties) {
        this.brokers = brokers;
        this.signature = signature;
        this.tls = tls;
        this.json = json;
        this.requestTimeout = properties.replication().requestTimeout();
        this.maxBatch = properties.produce().maxRequestSize().toBytes();
        this.http = tls.httpClient(HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .executor(Runnable::run) // the client's tasks only; answers complete on the default pool
                .version(HttpClient.Version.HTTP_1_1));
    }

    /** Asks the leader where {@code epoch} ends in its log. */
    public CompletableFuture<EpochEndOffsetResponse> epochEndOffset(int leaderId, TopicPartition tp, int epoch,
                                                                    int leaderEpoch) {
        String query = "epoch-end-offset?epoch=" + epoch + "&leader_epoch=" + leaderEpoch;
        return send(leaderId, tp, query, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> json.readValue(response.body(), EpochEndOffsetResponse.class));
    }

    /**
     * Fetches every partition of {@code request} from {@code leaderId} in one request; the leader waits up to the
     * request's wait when none has anything new. Completes, on the leader's fetch thread, with each partition's
     * answer in the request's order.
     */
    public CompletableFuture<List<PartitionFetch>> fetch(int leaderId, ReplicaFetchRequest request) {
        String base = brokers.baseUrl(leaderId).orElse(null);
        if (base == null) {
            return CompletableFuture.failedFuture(new ReplicaRequestException(0,
                    "leader " + leaderId + " is not registered"));
        }
        FetchLane lane = lanes.computeIfAbsent(leaderId, this::lane);
        try {
            return CompletableFuture.supplyAsync(() -> exchange(lane.connection(), base, request), lane.thread());
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(new ReplicaRequestException(0, "this node is stopping"));
        }
    }

    private List<PartitionFetch> exchange(LeaderConnection connection, String base, ReplicaFetchRequest request) {
        long maxAnswer = (long) request.maxBytes() + maxBatch + (long) request.positions().size() * ANSWER_OVERHEAD;
        LeaderConnection.Answer answer;
        try {
            answer = connection.post(base, ReplicaController.FETCHES, ReplicaFetchRequest.MEDIA_TYPE,
                    request.encode(), maxAnswer, requestTimeout.plusMillis(request.maxWaitMs()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (answer.status() != 200) {
            throw new ReplicaRequestException(answer.status(), new String(answer.body(), StandardCharsets.UTF_8));
        }
        List<PartitionFetch> answers = ReplicaFetchAnswer.read(ByteBuffer.wrap(answer.body()));
        if (answers.size() != request.positions().size()) {
            throw new ReplicaRequestException(answer.status(), "the leader answered " + answers.size()
                    + " partitions for a fetch of " + request.positions().size());
        }
        return answers;
    }

    private FetchLane lane(int leaderId) {
        ExecutorService thread = Executors.newSingleThreadExecutor(
                ReplicationExecutors.daemon("replica-fetch-from-" + leaderId));
        return new FetchLane(new LeaderConnection(signature, tls, requestTimeout), thread);
    }

    /**
     * Ends the fetch threads and closes their connections. A fetch in flight fails at once: its socket is closed
     * under it (an interrupt does not end a blocking read, which would otherwise wait out the leader's long poll or,
     * for a leader that stopped answering, the whole request timeout).
     */
    @Override
    public void close() {
        lanes.values().forEach(lane -> lane.thread().shutdownNow());
        lanes.values().forEach(lane -> lane.connection().abort());
        lanes.values().forEach(lane -> {
            try {
                if (lane.thread().awaitTermination(5, TimeUnit.SECONDS)) {
                    lane.connection().close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** One leader's fetch thread and the connection only it uses. */
    private record FetchLane(LeaderConnection connection, ExecutorService thread) {
    }

    private CompletableFuture<HttpResponse<byte[]>> send(int leaderId, TopicPartition tp, String query,
                                                         HttpResponse.BodyHandler<byte[]> handler) {
        String base = brokers.baseUrl(leaderId).orElse(null);
        if (base == null) {
            return CompletableFuture.failedFuture(new ReplicaRequestException(0,
                    "leader " + leaderId + " of " + tp + " is not registered"));
        }
        HttpRequest request = signature.newRequest("GET", URI.create(base + "/internal/v1/replicas/" + tp.topic()
                        + "/" + tp.partition() + "/" + query))
                .timeout(requestTimeout)
                .GET()
                .build();
        return checked(http.sendAsync(request, handler));
    }

    /** Fails the answer with a {@link ReplicaRequestException} unless it is a 200. */
    private static CompletableFuture<HttpResponse<byte[]>> checked(CompletableFuture<HttpResponse<byte[]>> sent) {
        return sent.thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new ReplicaRequestException(response.statusCode(),
                        new String(response.body(), StandardCharsets.UTF_8));
            }
            return response;
        });
    }
}
