package dev.streamlog.client.storage;

import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.model.Acks;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.AppendOutcomes;
import dev.streamlog.model.batch.CorruptBatchException;
import dev.streamlog.model.batch.PartitionAppends;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.batch.RecordDecoder;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.model.internal.OffsetForTimestamp;
import dev.streamlog.model.internal.ReadResponse;
import dev.streamlog.model.v2.PartitionOffsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link StorageClient} over the JDK's asynchronous {@link HttpClient} (HTTP/1.1; appends sent and reads answered as
 * {@link RecordBatches}, the rest in JSON): no thread waits while a node works or long-polls. The client's connect
 * timeout is the storage timeout; each request's timeout is the storage timeout, plus the poll time for a read.
 * Answers and failures are mapped by {@link StorageAnswers}. Thread-safe.
 */
public class HttpStorageClient implements StorageClient {

    private static final String PARTITIONS = "/internal/v1/partitions/";
    private static final String APPENDS = "/internal/v1/appends";

    private final HttpClient http;
    private final ClusterSignature signature;
    private final JsonMapper json;
    private final StorageAnswers answers;
    private final Duration timeout;

    /**
     * @param http      a client whose connect timeout is {@code timeout}
     * @param signature signs every request as a call from a member of the cluster
     * @param json      writes requests and reads answers
     * @param timeout   the storage timeout
     */
    public HttpStorageClient(HttpClient http, ClusterSignature signature, JsonMapper json, Duration timeout) {
        this.http = http;
        this.signature = signature;
        this.json = json;
        this.answers = new StorageAnswers(json);
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<StorageResult<AppendResponse>> append(String baseUrl, TopicPartition partition,
                                                                   RecordBatches batches, Acks acks) {
        HttpRequest post = signature.newRequest("POST", URI.create(baseUrl + path(partition) + "/records?acks="
                        + acks.wireValue()))
                .timeout(timeout)
                .header("Content-Type", RecordBatches.MEDIA_TYPE)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batches.bytes()))
                .build();
        return send(baseUrl, post, answers.json(AppendResponse.class), timeout);
    }

    /**
     * One request for every entry ({@link PartitionAppends}), answered with each entry's outcome
     * ({@link AppendOutcomes}), read as a single append's answer would be. A request that fails as a whole (no
     * connection, no answer in time, refused before any entry was looked at) gives every entry that result.
     */
    @Override
    public CompletableFuture<List<StorageResult<AppendResponse>>> appendAll(String baseUrl,
                                                                           List<PartitionBatches> appends,
                                                                           Acks acks) {
        List<PartitionAppends.Append> entries = appends.stream()
                .map(append -> new PartitionAppends.Append(append.partition(),
                        ByteBuffer.wrap(append.batches().bytes())))
                .toList();
        HttpRequest post = signature.newRequest("POST", URI.create(baseUrl + APPENDS + "?acks=" + acks.wireValue()))
                .timeout(timeout)
                .header("Content-Type", PartitionAppends.MEDIA_TYPE)
                .header("Accept", AppendOutcomes.MEDIA_TYPE + ", application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PartitionAppends.encode(entries)))
                .build();
        StorageAnswers.BodyDecoder<AppendResponse> single = answers.json(AppendResponse.class);
        return http.sendAsync(post, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            if (failure != null) {
                return sameForEach(appends.size(), StorageAnswers.fromFailure(baseUrl, failure, timeout));
            }
            if (response.statusCode() != 200) {
                return sameForEach(appends.size(), answers.fromResponse(baseUrl, response.statusCode(),
                        response.headers(), response.body(), single));
            }
            List<AppendOutcomes.Outcome> outcomes;
            try {
                outcomes = AppendOutcomes.decode(ByteBuffer.wrap(response.body()));
            } catch (CorruptBatchException e) {
                outcomes = List.of();
            }
            if (outcomes.size() != appends.size()) {
                return sameForEach(appends.size(), StorageResult.failed(ErrorCode.RETRIABLE, "storage node "
                        + baseUrl + " answered " + outcomes.size() + " outcomes for " + appends.size() + " appends"));
            }
            return outcomes.stream().map(outcome -> answers.fromResponse(baseUrl, outcome.status(),
                    response.headers(), outcome.body(), single)).toList();
        });
    }

    private static <T> List<StorageResult<T>> sameForEach(int count, StorageResult<T> result) {
        return Collections.nCopies(count, result);
    }

    @Override
    public CompletableFuture<StorageResult<ReadResponse>> read(String baseUrl, TopicPartition partition, long offset,
                                                               int maxBytes, Duration wait) {
        Duration total = timeout.plus(wait);
        HttpRequest get = signature.newRequest("GET", URI.create(baseUrl + path(partition) + "/records?offset=" + offset
                        + "&max_bytes=" + maxBytes + "&timeout_ms=" + wait.toMillis()))
                .timeout(total)
                .header("Accept", RecordBatches.MEDIA_TYPE + ", application/json")
                .GET()
                .build();
        return send(baseUrl, get, (headers, body) -> read(headers, body, offset, maxBytes), total);
    }

    /**
     * A read's answer: record batches as they lie in the leader's log, of which the records from {@code offset}
     * within {@code maxBytes} of record data are kept (the leader sends no more batches than its own read limit
     * allows, the first one whole), or JSON from a node that answers so.
     */
    private ReadResponse read(HttpHeaders headers, byte[] body, long offset, int maxBytes) {
        if (!headers.firstValue("Content-Type").orElse("").startsWith(RecordBatches.MEDIA_TYPE)) {
            return json.readValue(body, ReadResponse.class);
        }
        long highWatermark = Long.parseLong(header(headers, ReadResponse.HIGH_WATERMARK_HEADER));
        long logStartOffset = Long.parseLong(header(headers, ReadResponse.LOG_START_OFFSET_HEADER));
        return new ReadResponse(highWatermark, logStartOffset,
                RecordDecoder.decode(ByteBuffer.wrap(body), offset, highWatermark, maxBytes));
    }

    private static String header(HttpHeaders headers, String name) {
        return headers.firstValue(name).orElseThrow(() -> new IllegalArgumentException("the header " + name
                + " is missing"));
    }

    @Override
    public CompletableFuture<StorageResult<PartitionOffsets>> offsets(String baseUrl, TopicPartition partition) {
        HttpRequest get = signature.newRequest("GET", URI.create(baseUrl + path(partition) + "/offsets"))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return send(baseUrl, get, answers.json(PartitionOffsets.class), timeout);
    }

    @Override
    public CompletableFuture<StorageResult<OffsetForTimestamp>> offsetForTimestamp(String baseUrl,
                                                                                   TopicPartition partition,
                                                                                   long timestamp) {
        HttpRequest get = signature.newRequest("GET", URI.create(baseUrl + path(partition)
                        + "/offsets/by-timestamp?timestamp=" + timestamp))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return send(baseUrl, get, answers.json(OffsetForTimestamp.class), timeout);
    }

    private <T> CompletableFuture<StorageResult<T>> send(String node, HttpRequest request,
                                                         StorageAnswers.BodyDecoder<T> decoder, Duration limit) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> failure != null
                        ? StorageAnswers.<T>fromFailure(node, failure, limit)
                        : answers.fromResponse(node, response.statusCode(), response.headers(), response.body(),
                                decoder));
    }

    /** Topic names are checked ({@code [a-zA-Z0-9._-]}) before they get here, so they need no escaping. */
    private static String path(TopicPartition partition) {
        return PARTITIONS + partition.topic() + "/" + partition.partition();
    }
}
