package dev.streamlog.gateway.fetch;

import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.client.storage.StorageClient;
import dev.streamlog.client.storage.StorageResult;
import dev.streamlog.gateway.config.GatewayProperties;
import dev.streamlog.gateway.format.EmbeddedFormat;
import dev.streamlog.gateway.format.RecordRenderer;
import dev.streamlog.gateway.metadata.Lookups;
import dev.streamlog.gateway.metrics.TopicTraffic;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.OffsetForTimestamp;
import dev.streamlog.model.internal.ReadResponse;
import dev.streamlog.model.v2.PartitionOffsets;
import dev.streamlog.model.v3.PartitionWithOffsetsData;
import dev.streamlog.model.v3.ResourceMetadata;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * Stateless reads: a partition's offsets, and its records from an offset, long-polling at the leader when there is
 * nothing there yet. Checks first (topic name 400/40001, unknown topic 404/40401, partition 404/40402, an
 * {@code Accept} no format matches 406/40601, a negative offset, {@code max_bytes} or {@code timeout} 400/40001),
 * then asks the leader; {@code max_bytes} defaults to {@code default-max-bytes} and is lowered to
 * {@code max-bytes-cap}, {@code timeout} (ms, default 0) is lowered to {@code max-read-timeout}. The leader's
 * errors pass through (e.g. 416/41601 offset out of range). Thread-safe.
 */
@Service
public class FetchService {

    private final ClusterMetadata metadata;
    private final PartitionRouter router;
    private final StorageClient storage;
    private final GatewayProperties properties;
    private final TopicTraffic traffic;

    public FetchService(ClusterMetadata metadata, PartitionRouter router, StorageClient storage,
                        GatewayProperties properties, TopicTraffic traffic) {
        this.metadata = metadata;
        this.router = router;
        this.storage = storage;
        this.properties = properties;
        this.traffic = traffic;
    }

    /**
     * Where time {@code timestamp} (epoch ms) starts in the partition, from its leader: {@code {"offset": n}}, the
     * first committed offset whose record has a timestamp at or after it (the end offset when every record is
     * older). Read from there to browse by time.
     */
    public CompletableFuture<ResponseEntity<?>> offsetForTimestamp(String topicName, int partition, long timestamp) {
        TopicPartition target = target(topicName, partition);
        notNegative("timestamp", timestamp);
        return router.route(target, url -> storage.offsetForTimestamp(url, target, timestamp)).thenApply(result -> {
            if (result instanceof StorageResult.Ok<OffsetForTimestamp> ok) {
                return ResponseEntity.ok(ok.value());
            }
            return failure(result);
        });
    }

    /** The partition's beginning and end offsets, from its leader. */
    public CompletableFuture<ResponseEntity<?>> offsets(String topicName, int partition) {
        TopicPartition target = target(topicName, partition);
        return router.route(target, url -> storage.offsets(url, target)).thenApply(result -> {
            if (result instanceof StorageResult.Ok<PartitionOffsets> ok) {
                return ResponseEntity.ok(ok.value());
            }
            return failure(result);
        });
    }

    /**
     * The partition's earliest and latest offsets as the v3 API's {@code KafkaPartitionWithOffsets}, from its leader;
     * an unknown topic or partition is 404/40403 (the v3 API's code).
     *
     * @param self      the URL the client called
     * @param clusterId the cluster's id, already checked
     */
    public CompletableFuture<ResponseEntity<?>> partitionWithOffsets(String self, String clusterId, String topicName,
                                                                     int partition) {
        Lookups.partition(Lookups.topic(metadata, topicName, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION), partition,
                ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        TopicPartition target = new TopicPartition(topicName, partition);
        return router.route(target, url -> storage.offsets(url, target)).thenApply(result -> {
            if (result instanceof StorageResult.Ok<PartitionOffsets> ok) {
                return ResponseEntity.ok(new PartitionWithOffsetsData(PartitionWithOffsetsData.KIND,
                        new ResourceMetadata(self, "crn:///kafka=" + clusterId + "/topic=" + topicName + "/partition="
                                + partition + "/offset_type=earliest_and_latest"), clusterId, topicName, partition,
                        ok.value().beginningOffset(), ok.value().endOffset()));
            }
            return failure(result);
        });
    }

    /**
     * Records from {@code offset}.
     *
     * @param maxBytes  the {@code max_bytes} parameter or null
     * @param timeoutMs the {@code timeout} parameter (milliseconds to long-poll) or null
     * @param accept    the {@code Accept} header or null
     */
    public CompletableFuture<ResponseEntity<?>> records(String topicName, int partition, long offset, Long maxBytes,
                                                        Long timeoutMs, String accept) {
        TopicPartition target = target(topicName, partition);
        EmbeddedFormat.Accepted accepted = EmbeddedFormat.forAccept(accept).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_ACCEPTABLE, "cannot answer records as " + accept
                        + "; accept application/vnd.kafka.{binary|json|text}.v2+json or application/json"));
        notNegative("offset", offset);
        int bytes = (int) Math.min(maxBytes == null ? properties.defaultMaxBytes().toBytes()
                : notNegative("max_bytes", maxBytes), properties.maxBytesCap().toBytes());
        Duration wait = timeoutMs == null ? Duration.ZERO : Duration.ofMillis(notNegative("timeout", timeoutMs));
        if (wait.compareTo(properties.maxReadTimeout()) > 0) {
            wait = properties.maxReadTimeout();
        }
        Duration poll = wait;
        return router.route(target, url -> storage.read(url, target, offset, bytes, poll)).thenApply(result -> {
            if (!(result instanceof StorageResult.Ok<ReadResponse> ok)) {
                return failure(result);
            }
            try {
                ResponseEntity<?> answer = ResponseEntity.ok().contentType(accepted.answerType())
                        .body(RecordRenderer.render(topicName, partition, ok.value().records(), accepted.format()));
                traffic.fetched(topicName, ok.value().records());
                return answer;
            } catch (ApiException e) {
                return ErrorResponses.of(e);
            }
        });
    }

    private TopicPartition target(String topicName, int partition) {
        TopicView topic = Lookups.topic(metadata, topicName);
        Lookups.partition(topic, partition);
        return new TopicPartition(topicName, partition);
    }

    private static long notNegative(String name, long value) {
        if (value < 0) {
            throw new ApiException(ErrorCode.BAD_REQUEST, name + " must not be negative, got " + value);
        }
        return value;
    }

    private static ResponseEntity<?> failure(StorageResult<?> result) {
        if (result instanceof StorageResult.Failed<?> failed) {
            return ErrorResponses.of(failed.code(), failed.message());
        }
        return ErrorResponses.of(ErrorCode.RETRIABLE, "the partition's leader is moving; retry");
    }
}
