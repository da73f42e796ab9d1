package dev.streamlog.gateway.consumer;

import dev.streamlog.client.storage.PartitionRouter;
import dev.streamlog.client.storage.StorageClient;
import dev.streamlog.client.storage.StorageResult;
import dev.streamlog.gateway.acl.Access;
import dev.streamlog.gateway.acl.AclOperation;
import dev.streamlog.gateway.acl.AclResourceType;
import dev.streamlog.gateway.auth.UserPrincipal;
import dev.streamlog.gateway.config.GatewayProperties;
import dev.streamlog.gateway.format.EmbeddedFormat;
import dev.streamlog.gateway.format.RecordRenderer;
import dev.streamlog.gateway.metrics.TopicTraffic;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicNames;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.internal.PollPlan;
import dev.streamlog.model.internal.PositionsUpdate;
import dev.streamlog.model.internal.ReadResponse;
import dev.streamlog.model.internal.StoredRecord;
import dev.streamlog.model.v2.ConsumerAssignment;
import dev.streamlog.model.v2.ConsumerOffsets;
import dev.streamlog.model.v2.ConsumerRecord;
import dev.streamlog.model.v2.CreateConsumerRequest;
import dev.streamlog.model.v2.CreateConsumerResponse;
import dev.streamlog.model.v2.TopicPartitionOffset;
import dev.streamlog.model.v2.TopicPartitionRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The v2 consumer routes on the gateway, which holds no consumer state: every call goes to the
 * group's coordinator ({@link CoordinatorCalls}), whose answer (or error) is passed on. A poll
 * asks the coordinator where the instance reads ({@link PollPlan}), reads those partitions from
 * their leaders (first without waiting; when nothing is there, long-polling all of them up to the
 * timeout and answering with the first that has records), renders the records in the instance's
 * format and tells the coordinator the new positions before answering; a position outside its
 * partition's log is reset by the instance's {@code auto.offset.reset} through the coordinator (if that fails, the records
 * are answered anyway and their positions stay: they come again). Records read but not answered
 * (another partition answered first, or they do not render) are not delivered: their positions do
 * not move. A client that goes away after the positions moved loses that batch's delivery, as a
 * Kafka consumer that crashes between poll and processing does; its commit then decides.
 * Group and instance names follow the topic-name rule (400/40001 otherwise). Thread-safe.
 */
public class ConsumerService {

    private static final Logger log = LoggerFactory.getLogger(ConsumerService.class);

    /** Kafka REST's v2 media type for consumer control answers. */
    public static final MediaType KAFKA_V2 = new MediaType("application", "vnd.kafka.v2+json");

    private final CoordinatorCalls calls;
    private final PartitionRouter router;
    private final StorageClient storage;
    private final GatewayProperties properties;
    private final JsonMapper json;
    private final TopicTraffic traffic;

    public ConsumerService(CoordinatorCalls calls, PartitionRouter router, StorageClient storage,
                           GatewayProperties properties, JsonMapper json, TopicTraffic traffic) {
        this.calls = calls;
        this.router = router;
        this.storage = storage;
        this.properties = properties;
        this.json = json;
        this.traffic = traffic;
    }

    /**
     * Creates an instance owned by {@code caller} (no other principal may use it); its {@code base_uri} is under
     * {@code baseUrl} (how the client reached this gateway).
     */
    public CompletableFuture<ResponseEntity<?>> create(String group, CreateConsumerRequest request, String baseUrl,
                                                       UserPrincipal caller) {
        checkName("group id", group);
        if (request.name() != null) {
            checkName("instance name", request.name());
        }
        return calls.call(caller, group, "POST", "/instances", request).thenApply(answer -> {
            if (!answer.ok()) {
                return answer.toResponse(json, KAFKA_V2);
            }
            String id = json.readTree(answer.body()).path("instance_id").asString();
            return ResponseEntity.ok().contentType(KAFKA_V2).body(new CreateConsumerResponse(id,
                    baseUrl + "/consumers/" + group + "/instances/" + id));
        });
    }

    /**
     * Forwards {@code caller}'s call on an instance ({@code path} below {@code /instances/{instance}}, may be
     * empty).
     */
    public CompletableFuture<ResponseEntity<?>> forward(UserPrincipal caller, String group, String instance,
                                                        String method, String path, Object body) {
        checkName("group id", group);
        checkName("instance name", instance);
        return calls.call(caller, group, method, "/instances/" + instance + path, body)
                .thenApply(answer -> answer.toResponse(json, KAFKA_V2));
    }

    /**
     * {@code then} applied to the topics the instance reads now (its assignment, as its coordinator has it), for the
     * checks of the routes that act on all of them; the coordinator's error when it cannot say.
     */
    public CompletableFuture<ResponseEntity<?>> withReadTopics(
            UserPrincipal caller, String group, String instance,
            Function<Set<String>, CompletableFuture<ResponseEntity<?>>> then) {
        checkName("group id", group);
        checkName("instance name", instance);
        return calls.call(caller, group, "GET", "/instances/" + instance + "/assignments", null).thenCompose(answer -> {
            if (!answer.ok()) {
                return CompletableFuture.completedFuture(answer.toResponse(json, KAFKA_V2));
            }
            Set<String> topics = new TreeSet<>();
            json.readTree(answer.body()).path("partitions").forEach(partition ->
                    topics.add(partition.path("topic").asString()));
            return then.apply(topics);
        });
    }

    /**
     * Commits for an instance the way Confluent's v2 consumer does ({@code KafkaConsumerState.commitOffsets}): each
     * named {@code offset} is the last record the client processed, so {@code offset + 1} is stored, the next record
     * to read, which {@code GET …/offsets} answers and where whoever reads the partition next starts. No entries
     * (or no body) commits the positions fetched, which are already the next records to read. Answers {@code []}
     * as Confluent does (400/40001 for a negative offset or one with no next record).
     */
    public CompletableFuture<ResponseEntity<?>> commit(UserPrincipal caller, String group, String instance,
                                                       ConsumerOffsets request) {
        checkName("group id", group);
        checkName("instance name", instance);
        List<TopicPartitionOffset> named = request == null || request.offsets() == null ? List.of() : request.offsets();
        List<TopicPartitionOffset> next = new ArrayList<>(named.size());
        for (int i = 0; i < named.size(); i++) {
            TopicPartitionOffset entry = named.get(i);
            if (entry != null && entry.offset() != null && (entry.offset() < 0 || entry.offset() == Long.MAX_VALUE)) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "offsets[" + i + "].offset is " + entry.offset()
                        + "; it names the last record processed, from 0 to " + (Long.MAX_VALUE - 1));
            }
            next.add(entry == null || entry.offset() == null ? entry : new TopicPartitionOffset(entry.topic(),
                    entry.partition(), entry.offset() + 1, entry.metadata()));
        }
        return calls.call(caller, group, "POST", "/instances/" + instance + "/offsets", new ConsumerOffsets(next))
                .thenApply(answer -> answer.ok() ? ResponseEntity.ok().contentType(KAFKA_V2).body(List.of())
                        : answer.toResponse(json, KAFKA_V2));
    }

    /**
     * A poll of the instance: records from its partitions as a JSON array in its format; 403/40301, reading nothing,
     * when the caller may not READ a topic among them (as Kafka's Fetch).
     *
     * @param timeoutMs the {@code timeout} parameter or null (the instance's {@code consumer.request.timeout.ms});
     *                  lowered to {@code max-read-timeout}
     * @param maxBytes  the {@code max_bytes} parameter or null
     * @param accept    the {@code Accept} header, which must admit the instance's format (406/40601 otherwise)
     */
    public CompletableFuture<ResponseEntity<?>> poll(UserPrincipal caller, Access access, String group,
                                                     String instance, Long timeoutMs, Long maxBytes, String accept) {
        checkName("group id", group);
        checkName("instance name", instance);
        long asked = notNegative("timeout", timeoutMs == null ? 0 : timeoutMs);
        int bytes = (int) Math.min(maxBytes == null ? properties.defaultMaxBytes().toBytes()
                : notNegative("max_bytes", maxBytes), properties.maxBytesCap().toBytes());
        return calls.call(caller, group, "POST", "/instances/" + instance + "/poll", null).thenCompose(answer -> {
            if (!answer.ok()) {
                return CompletableFuture.completedFuture(answer.toResponse(json, KAFKA_V2));
            }
            PollPlan plan = json.readValue(answer.body(), PollPlan.class);
            Optional<String> unreadable = plan.positions().stream().map(TopicPartitionOffset::topic).distinct()
                    .filter(topic -> !access.allows(AclOperation.READ, AclResourceType.TOPIC, topic)).findFirst();
            if (unreadable.isPresent()) {
                return CompletableFuture.completedFuture(ErrorResponses.of(access.denied(AclOperation.READ,
                        AclResourceType.TOPIC, unreadable.get())));
            }
            EmbeddedFormat format = EmbeddedFormat.valueOf(plan.format().toUpperCase(Locale.ROOT));
            Optional<MediaType> accepted = answerType(accept, format);
            if (accepted.isEmpty()) {
                return CompletableFuture.completedFuture(ErrorResponses.of(ErrorCode.NOT_ACCEPTABLE,
                        "consumer instance '" + instance + "' reads " + plan.format() + "; accept "
                                + format.mediaType() + " (not " + accept + ")"));
            }
            MediaType answerType = accepted.get();
            Duration pollWait = Duration.ofMillis(Math.min(timeoutMs == null ? plan.requestTimeoutMs() : asked,
                    properties.maxReadTimeout().toMillis()));
            Set<TopicPartition> outOfRange = ConcurrentHashMap.newKeySet();
            return read(plan, bytes, pollWait, outOfRange).thenCompose(read -> resetOutOfRange(caller, group, instance,
                    outOfRange).thenApply(reset -> read)).thenCompose(read -> {
                List<ConsumerRecord> records;
                try {
                    records = render(read, format);
                } catch (ApiException e) {
                    return CompletableFuture.completedFuture(ErrorResponses.of(e));
                }
                ResponseEntity<?> ok = ResponseEntity.ok().contentType(answerType).body(records);
                return deliver(caller, group, instance, plan, read).thenApply(delivered -> ok);
            });
        });
    }

    private CompletableFuture<Map<TopicPartition, List<StoredRecord>>> read(PollPlan plan, int bytes, Duration wait,
                                                                            Set<TopicPartition> outOfRange) {
        if (plan.positions().isEmpty()) {
            return CompletableFuture.supplyAsync(Map::of,
                    CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS));
        }
        int each = Math.max(1, bytes / plan.positions().size());
        return readAll(plan, each, Duration.ZERO, outOfRange).thenCompose(first -> first.isEmpty() && !wait.isZero()
                && outOfRange.isEmpty() ? readFirstNonEmpty(plan, each, wait, outOfRange)
                : CompletableFuture.completedFuture(first));
    }

    /** Reads every partition of the plan; completes with the ones that had records, in plan order. */
    private CompletableFuture<Map<TopicPartition, List<StoredRecord>>> readAll(PollPlan plan, int bytes,
                                                                                Duration wait,
                                                                                Set<TopicPartition> outOfRange) {
        List<CompletableFuture<List<StoredRecord>>> reads = plan.positions().stream()
                .map(position -> read(position, bytes, wait, outOfRange)).toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<TopicPartition, List<StoredRecord>> records = new LinkedHashMap<>();
            for (int i = 0; i < reads.size(); i++) {
                List<StoredRecord> got = reads.get(i).join();
                if (!got.isEmpty()) {
                    TopicPartitionOffset position = plan.positions().get(i);
                    records.put(new TopicPartition(position.topic(), position.partition()), got);
                }
            }
            return records;
        });
    }

    /** Long-polls every partition of the plan; completes with the first that has records, or empty after all. */
    private CompletableFuture<Map<TopicPartition, List<StoredRecord>>> readFirstNonEmpty(PollPlan plan, int bytes,
                                                                                          Duration wait,
                                                                                          Set<TopicPartition> outOfRange) {
        CompletableFuture<Map<TopicPartition, List<StoredRecord>>> first = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(plan.positions().size());
        for (TopicPartitionOffset position : plan.positions()) {
            read(position, bytes, wait, outOfRange).whenComplete((records, failure) -> {
                if (records != null && !records.isEmpty()) {
                    first.complete(Map.of(new TopicPartition(position.topic(), position.partition()), records));
                } else if (pending.decrementAndGet() == 0) {
                    first.complete(Map.of());
                }
            });
        }
        return first;
    }

    /**
     * One partition's records from the plan's position; none when the leader cannot answer now (the
     * next poll tries again), and none but noted in {@code outOfRange} when the position is outside
     * the partition's log.
     */
    private CompletableFuture<List<StoredRecord>> read(TopicPartitionOffset position, int bytes, Duration wait,
                                                       Set<TopicPartition> outOfRange) {
        TopicPartition partition = new TopicPartition(position.topic(), position.partition());
        return router.route(partition, leader -> storage.read(leader, partition, position.offset(), bytes, wait))
                .thenApply(result -> {
                    if (result instanceof StorageResult.Ok<ReadResponse> ok) {
                        return ok.value().records();
                    }
                    if (result instanceof StorageResult.Failed<ReadResponse> failed
                            && failed.code() == ErrorCode.OFFSET_OUT_OF_RANGE) {
                        outOfRange.add(partition);
                    }
                    return List.<StoredRecord>of();
                });
    }

    /**
     * Asks the coordinator to move positions that fell outside their partitions' logs (retention,
     * a truncation, a seek past the end) by the instance's {@code auto.offset.reset}; a failure only
     * means the next poll asks again.
     */
    private CompletableFuture<Void> resetOutOfRange(UserPrincipal caller, String group, String instance,
                                                    Set<TopicPartition> outOfRange) {
        if (outOfRange.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        ConsumerAssignment partitions = new ConsumerAssignment(outOfRange.stream()
                .map(partition -> new TopicPartitionRef(partition.topic(), partition.partition())).toList());
        return calls.call(caller, group, "POST", "/instances/" + instance + "/positions/reset", partitions)
                .thenAccept(answer -> {
                    if (!answer.ok()) {
                        log.info("Could not reset the positions of {}/{} in {} ({})", group, instance, outOfRange,
                                answer);
                    }
                });
    }

    /**
     * Tells the coordinator what is being handed to the client. When that fails the records are
     * still answered: the positions stay, so they come again (at least once, never skipped).
     */
    private CompletableFuture<Void> deliver(UserPrincipal caller, String group, String instance, PollPlan plan,
                                            Map<TopicPartition, List<StoredRecord>> read) {
        if (read.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<TopicPartition, Long> from = new LinkedHashMap<>();
        plan.positions().forEach(position -> from.put(new TopicPartition(position.topic(), position.partition()),
                position.offset()));
        List<PositionsUpdate.Delivered> delivered = new ArrayList<>();
        read.forEach((partition, records) -> delivered.add(new PositionsUpdate.Delivered(partition.topic(),
                partition.partition(), from.get(partition), records.get(records.size() - 1).offset() + 1)));
        return calls.call(caller, group, "POST", "/instances/" + instance + "/positions/delivered",
                new PositionsUpdate(delivered)).thenAccept(answer -> {
                    if (!answer.ok()) {
                        log.info("Could not record the positions of {}/{} ({}); its records will come again",
                                group, instance, answer);
                    }
                });
    }

    private List<ConsumerRecord> render(Map<TopicPartition, List<StoredRecord>> read, EmbeddedFormat format) {
        List<ConsumerRecord> records = new ArrayList<>();
        read.forEach((partition, stored) ->
                records.addAll(RecordRenderer.render(partition.topic(), partition.partition(), stored, format)));
        read.forEach((partition, stored) -> traffic.fetched(partition.topic(), stored));
        return records;
    }

    /**
     * The answer's media type when {@code accept} admits {@code format}: its own media type (also for a
     * missing header or a wildcard), or {@code application/json} for the json format.
     */
    static Optional<MediaType> answerType(String accept, EmbeddedFormat format) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(format.mediaType());
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return Optional.empty();
        }
        for (MediaType type : types) {
            if (type.getQualityValue() <= 0) {
                continue;
            }
            if (type.equalsTypeAndSubtype(format.mediaType()) || type.isWildcardType()
                    || (type.getType().equals("application") && type.isWildcardSubtype())) {
                return Optional.of(format.mediaType());
            }
            if (format == EmbeddedFormat.JSON && type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                return Optional.of(MediaType.APPLICATION_JSON);
            }
        }
        return Optional.empty();
    }

    /** 400/40001 unless {@code name} (a group id or instance name) follows the topic-name rule. */
    static void checkName(String what, String name) {
        TopicNames.problem("name", name).ifPresent(problem -> {
            throw new ApiException(ErrorCode.BAD_REQUEST, what + ": " + problem);
        });
    }

    private static long notNegative(String name, long value) {
        if (value < 0) {
            throw new ApiException(ErrorCode.BAD_REQUEST, name + " must not be negative, got " + value);
        }
        return value;
    }
}
