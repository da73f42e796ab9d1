package dev.streamlog.client.storage;

import dev.streamlog.model.Acks;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.model.internal.OffsetForTimestamp;
import dev.streamlog.model.internal.ReadResponse;
import dev.streamlog.model.internal.ReadResponseCodec;
import dev.streamlog.model.v2.PartitionOffsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link StorageClient} over the JDK's asynchronous {@link HttpClient} (HTTP/1.1; appends as
 * {@link RecordBatches}, reads answered in {@link ReadResponseCodec}'s, the rest in JSON):
 * no thread waits
 * while a node works or long-polls. The client's connect timeout is the storage timeout; each request's timeout
 * is the storage timeout, plus the poll time for a read. Answers and failures are mapped by
 * {@link StorageAnswers}. Thread-safe.
 */
public class HttpStorageClient implements StorageClient {

    private static final String PARTITIONS = "/internal/v1/partitions/";

    private final HttpClient http;
    private final JsonMapper json;
    private final StorageAnswers answers;
    private final Duration timeout;

    /**
     * @param http    a client whose connect timeout is {@code timeout}
     * @param json    writes requests and reads answers
     * @param timeout the storage timeout
     */
    public HttpStorageClient(HttpClient http, JsonMapper json, Duration timeout) {
        this.http = http;
        this.json = json;
        this.answers = new StorageAnswers(json);
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<StorageResult<AppendResponse>> append(String baseUrl, TopicPartition partition,
                                                                   RecordBatches batches, Acks acks) {
        HttpRequest post = HttpRequest.newBuilder(URI.create(baseUrl + path(partition) + "/records?acks="
                        + acks.wireValue()))
                .timeout(timeout)
                .header("Content-Type", RecordBatches.MEDIA_TYPE)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batches.bytes()))
                .build();
        return send(baseUrl, post, AppendResponse.class, timeout);
    }

    @Override
    public CompletableFuture<StorageResult<ReadResponse>> read(String baseUrl, TopicPartition partition, long offset,
                                                               int maxBytes, Duration wait) {
        Duration total = timeout.plus(wait);
        HttpRequest get = HttpRequest.newBuilder(URI.create(baseUrl + path(partition) + "/records?offset=" + offset
                        + "&max_bytes=" + maxBytes + "&timeout_ms=" + wait.toMillis()))
                .timeout(total)
                .header("Accept", ReadResponseCodec.MEDIA_TYPE + ", application/json")
                .GET()
                .build();
        return send(baseUrl, get, ReadResponse.class, total);
    }

    @Override
    public CompletableFuture<StorageResult<PartitionOffsets>> offsets(String baseUrl, TopicPartition partition) {
        HttpRequest get = HttpRequest.newBuilder(URI.create(baseUrl + path(partition) + "/offsets"))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return send(baseUrl, get, PartitionOffsets.class, timeout);
    }

    @Override
    public CompletableFuture<StorageResult<OffsetForTimestamp>> offsetForTimestamp(String baseUrl,
                                                                                   TopicPartition partition,
                                                                                   long timestamp) {
        HttpRequest get = HttpRequest.newBuilder(URI.create(baseUrl + path(partition) + "/offsets/by-timestamp?timestamp="
                        + timestamp))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return send(baseUrl, get, OffsetForTimestamp.class, timeout);
    }

    private <T> CompletableFuture<StorageResult<T>> send(String node, HttpRequest request, Class<T> type,
                                                         Duration limit) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> failure != null
                        ? StorageAnswers.<T>fromFailure(node, failure, limit)
                        : answers.fromResponse(node, response.statusCode(),
                                response.headers().firstValue("Content-Type").orElse(null), response.body(), type));
    }

    /** Topic names are checked ({@code [a-zA-Z0-9._-]}) before they get here, so they need no escaping. */
    private static String path(TopicPartition partition) {
        return PARTITIONS + partition.topic() + "/" + partition.partition();
    }
}
