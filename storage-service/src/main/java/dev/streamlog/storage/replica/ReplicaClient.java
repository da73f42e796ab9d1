package dev.streamlog.storage.replica;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.EpochEndOffsetResponse;
import dev.streamlog.storage.config.StorageProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A follower's HTTP calls to its leader's replica endpoints ({@code /internal/v1/replicas/...}):
 * the epoch end offset before truncating, and fetches. Asynchronous: no thread waits on a long
 * poll. Every request has a timeout ({@code replication.request-timeout} on top of the fetch
 * wait). A non-200 answer fails the future with a {@link ReplicaRequestException}.
 *
 * <p>Threads: the client's own work (socket I/O, HTTP parsing, collecting the body) runs on its
 * selector thread, with no hand-off to a pool for each step: none of it blocks, and every hop
 * cost a context switch per fetch. The JDK then completes each answer on
 * {@code CompletableFuture}'s default pool (see {@code CommonPool} in service-support), which
 * is where a follower appends what it fetched.
 *
 * <p>Thread-safe (the JDK client is).
 */
@Component
public class ReplicaClient {

    private final BrokerAddresses brokers;
    private final JsonMapper json;
    private final HttpClient http;
    private final Duration requestTimeout;

    public ReplicaClient(BrokerAddresses brokers, JsonMapper json, StorageProperties properties) {
        this.brokers = brokers;
        this.json = json;
        this.requestTimeout = properties.replication().requestTimeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .executor(Runnable::run) // the client's tasks only; answers complete on the default pool
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Asks the leader where {@code epoch} ends in its log. */
    public CompletableFuture<EpochEndOffsetResponse> epochEndOffset(int leaderId, TopicPartition tp, int epoch,
                                                                    int leaderEpoch) {
        String query = "epoch-end-offset?epoch=" + epoch + "&leader_epoch=" + leaderEpoch;
        return send(leaderId, tp, query, Duration.ZERO, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> json.readValue(response.body(), EpochEndOffsetResponse.class));
    }

    /** Fetches batches from {@code offset}; the leader waits up to {@code maxWait} when there is nothing new. */
    public CompletableFuture<FetchedBatches> fetch(int leaderId, TopicPartition tp, int replicaId, long offset,
                                                   int leaderEpoch, int maxBytes, Duration maxWait) {
        String query = "fetch?replica_id=" + replicaId + "&offset=" + offset + "&leader_epoch=" + leaderEpoch
                + "&max_bytes=" + maxBytes
                + "&timeout_ms=" + maxWait.toMillis();
        return send(leaderId, tp, query, maxWait, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> new FetchedBatches(
                        header(response, FetchedBatches.HIGH_WATERMARK_HEADER),
                        header(response, FetchedBatches.LOG_START_OFFSET_HEADER),
                        header(response, FetchedBatches.LOG_END_OFFSET_HEADER),
                        response.body()));
    }

    private CompletableFuture<HttpResponse<byte[]>> send(int leaderId, TopicPartition tp, String query,
                                                         Duration wait, HttpResponse.BodyHandler<byte[]> handler) {
        String base = brokers.baseUrl(leaderId).orElse(null);
        if (base == null) {
            return CompletableFuture.failedFuture(new ReplicaRequestException(0,
                    "leader " + leaderId + " of " + tp + " is not registered"));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/internal/v1/replicas/" + tp.topic() + "/"
                        + tp.partition() + "/" + query))
                .timeout(requestTimeout.plus(wait))
                .GET()
                .build();
        return http.sendAsync(request, handler).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new ReplicaRequestException(response.statusCode(),
                        new String(response.body(), StandardCharsets.UTF_8));
            }
            return response;
        });
    }

    private static long header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).map(Long::parseLong)
                .orElseThrow(() -> new ReplicaRequestException(response.statusCode(), "no " + name + " header"));
    }
}
