package dev.streamlog.storage.replica;

import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.EpochEndOffsetResponse;
import dev.streamlog.storage.config.StorageProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A follower's HTTP calls to a leader's replica endpoints: the epoch end offset of one partition
 * before truncating ({@code /internal/v1/replicas/{t}/{p}/epoch-end-offset}), and fetches of every
 * partition it follows from that leader in one request ({@code /internal/v1/replica-fetches}).
 * Asynchronous: no thread waits on a long poll. Every request has a timeout ({@code replication.request-timeout} on top of the fetch
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
        return send(leaderId, tp, query, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> json.readValue(response.body(), EpochEndOffsetResponse.class));
    }

    /**
     * Fetches every partition of {@code request} from {@code leaderId} in one request; the leader waits up to the
     * request's wait when none has anything new. Completes with each partition's answer, in the request's order.
     */
    public CompletableFuture<List<PartitionFetch>> fetch(int leaderId, ReplicaFetchRequest request) {
        String base = brokers.baseUrl(leaderId).orElse(null);
        if (base == null) {
            return CompletableFuture.failedFuture(new ReplicaRequestException(0,
                    "leader " + leaderId + " is not registered"));
        }
        HttpRequest http = HttpRequest.newBuilder(URI.create(base + ReplicaController.FETCHES))
                .timeout(requestTimeout.plusMillis(request.maxWaitMs()))
                .header("Content-Type", ReplicaFetchRequest.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.encode()))
                .build();
        return checked(this.http.sendAsync(http, HttpResponse.BodyHandlers.ofByteArray())).thenApply(response -> {
            List<PartitionFetch> answers = ReplicaFetchAnswer.read(ByteBuffer.wrap(response.body()));
            if (answers.size() != request.positions().size()) {
                throw new ReplicaRequestException(response.statusCode(), "the leader answered " + answers.size()
                        + " partitions for a fetch of " + request.positions().size());
            }
            return answers;
        });
    }

    private CompletableFuture<HttpResponse<byte[]>> send(int leaderId, TopicPartition tp, String query,
                                                         HttpResponse.BodyHandler<byte[]> handler) {
        String base = brokers.baseUrl(leaderId).orElse(null);
        if (base == null) {
            return CompletableFuture.failedFuture(new ReplicaRequestException(0,
                    "leader " + leaderId + " of " + tp + " is not registered"));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/internal/v1/replicas/" + tp.topic() + "/"
                        + tp.partition() + "/" + query))
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
