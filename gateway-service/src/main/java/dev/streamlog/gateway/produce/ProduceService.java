package dev.streamlog.gateway.produce;

import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.client.storage.StorageClient;
import dev.streamlog.client.storage.StorageResult;
import dev.streamlog.gateway.config.GatewayProperties;
import dev.streamlog.gateway.format.EmbeddedFormat;
import dev.streamlog.gateway.format.EncodedRecord;
import dev.streamlog.gateway.format.ProduceBodyReader;
import dev.streamlog.gateway.metadata.Lookups;
import dev.streamlog.gateway.metrics.TopicTraffic;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.gateway.web.RequestMemory;
import dev.streamlog.model.Acks;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.Partitioner;
import dev.streamlog.model.TopicNames;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.model.v2.PartitionOffset;
import dev.streamlog.model.v2.ProduceResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * Produce: checks the request (topic name 400/40001, internal topic 403/40301, media type 415/415, unknown topic
 * 404/40401, partition 404/40402, body 400/40001 or 422/42201, a record that as a record batch of its own exceeds the
 * topic's {@code max.message.bytes} 413/41301, more records than {@code max-records-per-request} 413/41301), all
 * before anything is appended; then sends one append per partition
 * to its leader, all partitions in parallel, and answers each record's offset in request order. When every record
 * failed, the answer is the first record's error (e.g. 503/50302 node down, 503/50003 timeout, 404/40404 no leader);
 * when only some failed, 200 with those errors in-band. Stateless apart from the partitioner's sticky positions;
 * thread-safe.
 */
@Service
public class ProduceService {

    private final ClusterMetadata metadata;
    private final PartitionRouter router;
    private final AppendBatcher appendBatcher;
    private final Partitioner partitioner;
    private final Clock clock;
    private final TopicTraffic traffic;
    private final int maxRecordsPerRequest;

    public ProduceService(ClusterMetadata metadata, PartitionRouter router, StorageClient storage,
                          Partitioner partitioner, Clock clock, TopicTraffic traffic, GatewayProperties properties,
                          MeterRegistry registry) {
        this.metadata = metadata;
        this.router = router;
        this.appendBatcher = new AppendBatcher(storage::appendAll, properties.appendsInFlight(),
                properties.maxRequestSize().toBytes(), registry);
        this.partitioner = partitioner;
        this.clock = clock;
        this.traffic = traffic;
        this.maxRecordsPerRequest = properties.maxRecordsPerRequest();
    }

    /**
     * Produces the body's records to {@code topicName}, to {@code routePartition} when the route names one.
     *
     * @throws ApiException for a request refused before anything was sent
     */
    public CompletableFuture<ResponseEntity<?>> produce(String topicName, Integer routePartition, String contentType,
                                                        String acksParameter, InputStream body,
                                                        RequestMemory.Reservation memory) {
        Lookups.validTopicName(topicName);
        Acks acks = acks(acksParameter);
        checkWritable(topicName);
        EmbeddedFormat format = EmbeddedFormat.forContentType(contentType).orElseThrow(() ->
                new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content type " + contentType
                        + " is not supported; use application/vnd.kafka.{binary|json|text}.v2+json or application/json"));
        TopicView topic = Lookups.topic(metadata, topicName);
        if (routePartition != null) {
            Lookups.partition(topic, routePartition);
        }
        List<EncodedRecord> records = ProduceBodyReader.read(body, format, maxRecordsPerRequest, memory);
        return deliver(topic, records, routePartition, acks, memory).thenApply(ProduceService::answer);
    }

    /** The {@code acks} parameter: 0, 1, all or -1 (all when absent); 400/40001 otherwise. */
    static Acks acks(String parameter) {
        return Acks.parse(parameter).orElseThrow(() -> new ApiException(ErrorCode.BAD_REQUEST,
                Acks.problem(parameter)));
    }

    /** 403/40301 for an internal topic, which clients may read but not write. */
    static void checkWritable(String topicName) {
        if (TopicNames.isInternal(topicName)) {
            throw new ApiException(ErrorCode.NOT_AUTHORIZED, "topic '" + topicName
                    + "' is internal: clients may read it but not write it");
        }
    }

    /**
     * Sends {@code records} (checked already) to their partitions' leaders, one append per partition, all in parallel
     * and together with other requests' appends to the same leaders ({@link AppendBatcher}),
     * and completes with each record's result in request order: its partition and offset, or its partition's error
     * in-band; with acks=0 at once, with partitions only. Records written are counted in the topic's traffic.
     *
     * @throws ApiException 413/41301 if a record, as a record batch of its own, exceeds {@code max.message.bytes};
     *                      404/40402 for a record's partition out of range; nothing is sent then
     */
    CompletableFuture<List<PartitionOffset>> deliver(TopicView topic, List<EncodedRecord> records,
                                                     Integer routePartition, Acks acks,
                                                     RequestMemory.Reservation memory) {
        ProducePlan plan = ProducePlan.of(records, topic, routePartition, partitioner, clock.millis());
        Map<Integer, CompletableFuture<StorageResult<AppendResponse>>> appends = new LinkedHashMap<>();
        plan.requests().forEach((partition, request) -> {
            TopicPartition target = new TopicPartition(topic.name(), partition);
            appends.put(partition, router.deliver(target, url -> appendBatcher.append(url, target, request, acks)));
        });
        CompletableFuture<Void> all = CompletableFuture.allOf(appends.values().toArray(CompletableFuture[]::new));
        memory.holdUntil(all);
        if (acks == Acks.NONE) {
            return CompletableFuture.completedFuture(counted(topic.name(), records, plan.unacknowledged()));
        }
        return all.thenApply(done -> {
            Map<Integer, StorageResult<AppendResponse>> outcomes = new LinkedHashMap<>();
            appends.forEach((partition, future) -> outcomes.put(partition, future.join()));
            return counted(topic.name(), records, plan.offsets(outcomes));
        });
    }

    /** Counts the records written (no error) in the topic's traffic; returns {@code offsets}. */
    private List<PartitionOffset> counted(String topic, List<EncodedRecord> records, List<PartitionOffset> offsets) {
        long written = 0;
        long bytes = 0;
        for (int i = 0; i < offsets.size(); i++) {
            if (offsets.get(i).errorCode() == null) {
                written++;
                bytes += records.get(i).size();
            }
        }
        traffic.produced(topic, written, bytes);
        return offsets;
    }

    private static ResponseEntity<?> answer(List<PartitionOffset> offsets) {
        List<PartitionOffset> failures = new ArrayList<>();
        for (PartitionOffset offset : offsets) {
            if (offset.errorCode() != null) {
                failures.add(offset);
            }
        }
        if (!failures.isEmpty() && failures.size() == offsets.size()) {
            PartitionOffset first = failures.get(0);
            ErrorCode code = ErrorCode.fromCode(first.errorCode()).orElse(ErrorCode.RETRIABLE);
            return ErrorResponses.of(code, first.error());
        }
        return ResponseEntity.ok(ProduceResponse.of(offsets));
    }
}
