package dev.streamlog.gateway.consumer;

import dev.streamlog.gateway.acl.Access;
import dev.streamlog.gateway.acl.AclOperation;
import dev.streamlog.gateway.acl.AclResourceType;
import dev.streamlog.gateway.auth.UserPrincipal;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.v2.ConsumerAssignment;
import dev.streamlog.model.v2.ConsumerOffsets;
import dev.streamlog.model.v2.ConsumerSubscription;
import dev.streamlog.model.v2.TopicPartitionOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The v2 consumer routes (Confluent REST Proxy), served through the group's coordinator:
 * <ul>
 *   <li>{@code POST /consumers/{g}} create an instance; {@code DELETE /consumers/{g}/instances/{i}};</li>
 *   <li>{@code POST|GET|DELETE …/instances/{i}/subscription}; {@code POST|GET …/assignments};</li>
 *   <li>{@code POST …/positions} (offsets or timestamps, ISO-8601 or epoch ms: {@link SeekBody}),
 *       {@code …/positions/beginning}, {@code …/positions/end};</li>
 *   <li>{@code GET …/records?timeout=&max_bytes=} (poll, in the instance's format);</li>
 *   <li>{@code POST …/offsets} (commit: each offset named is the last record processed, stored plus one as
 *       Confluent does; no body or no entries commits what was fetched),
 *       {@code GET …/offsets} (committed offsets of the partitions in the body, or of all it reads).</li>
 * </ul>
 * Bodies are {@code application/vnd.kafka.v2+json}, {@code application/json} or, as Confluent takes them on
 * every consumer route, an embedded format's type ({@code application/vnd.kafka.binary.v2+json} and the like: the
 * body is the same JSON). Any gateway serves any instance. An instance belongs to the principal that created it:
 * the coordinator answers any other 403/40301 on its routes. ACLs as Kafka's consumer needs them: READ on the group
 * for every route; DESCRIBE on each topic subscribed to or assigned by name; READ on each topic a poll reads, a seek
 * names or a commit covers (all the instance reads for a commit without entries); DESCRIBE on each topic whose
 * committed offsets are asked (all it reads when none are named). Answers asynchronously; stateless.
 */
@RestController
@RequestMapping("/consumers/{group}")
class ConsumerController {

    /** Any JSON type with a suffix: the v2 type and every embedded format's type. */
    private static final String ANY_JSON = "application/*+json";
    private static final String INSTANCE = "/instances/{instance}";

    private final ConsumerService consumers;

    ConsumerController(ConsumerService consumers) {
        this.consumers = consumers;
    }

    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ANY_JSON})
    CompletableFuture<ResponseEntity<?>> create(Access access, @PathVariable String group,
                                                @RequestBody(required = false) JsonNode request) {
        return consumers.create(group, CreateConsumerBody.read(request),
                ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString(), member(access, group));
    }

    @DeleteMapping(INSTANCE)
    CompletableFuture<ResponseEntity<?>> delete(Access access, @PathVariable String group,
                                                @PathVariable String instance) {
        return consumers.forward(member(access, group), group, instance, "DELETE", "", null);
    }

    @PostMapping(path = INSTANCE + "/subscription", consumes = {MediaType.APPLICATION_JSON_VALUE, ANY_JSON})
    CompletableFuture<ResponseEntity<?>> subscribe(Access access, @PathVariable String group,
                                                   @PathVariable String instance,
                                                   @RequestBody ConsumerSubscription request) {
        UserPrincipal caller = member(access, group);
        if (request.topics() != null) {
            topics(request.topics().stream()).forEach(topic -> access.requireTopic(AclOperation.DESCRIBE, topic));
        }
        return consumers.forward(caller, group, instance, "POST", "/subscription", request);
    }

    @GetMapping(INSTANCE + "/subscription")
    CompletableFuture<ResponseEntity<?>> subscription(Access access, @PathVariable String group,
                                                      @PathVariable String instance) {
        return consumers.forward(member(access, group), group, instance, "GET", "/subscription", null);
    }

    @DeleteMapping(INSTANCE + "/subscription")
    CompletableFuture<ResponseEntity<?>> unsubscribe(Access access, @PathVariable String group,
                                                     @PathVariable String instance) {
        return consumers.forward(member(access, group), group, instance, "DELETE", "/subscription", null);
    }

    @PostMapping(path = INSTANCE + "/assignments", consumes = {MediaType.APPLICATION_JSON_VALUE, ANY_JSON})
    CompletableFuture<ResponseEntity<?>> assign(Access access, @PathVariable String group,
                                                @PathVariable String instance,
                                                @RequestBody ConsumerAssignment request) {
        UserPrincipal caller = member(access, group);
        requirePartitions(access, AclOperation.DESCRIBE, request);
        return consumers.forward(caller, group, instance, "POST", "/assignments", request);
    }

    @GetMapping(INSTANCE + "/assignments")
    CompletableFuture<ResponseEntity<?>> assignments(Access access, @PathVariable String group,
                                                     @PathVariable String instance) {
        return consumers.forward(member(access, group), group, instance, "GET", "/assignments", null);
    }

    @PostMapping(path = INSTANCE + "/positions", consumes = {MediaType.APPLICATION_JSON_VALUE, ANY_JSON})
    CompletableFuture<ResponseEntity<?>> seek(Access access, @PathVariable String group,
                                              @PathVariable String instance, @RequestBody JsonNode request) {
        UserPrincipal caller = member(access, group);
        for (String list : List.of("offsets", "timestamps")) {
            if (request != null && request.path(list).isArray()) {
                request.path(list).forEach(entry -> {
                    if (entry.path("topic").isString()) {
                        access.requireTopic(AclOperation.READ, entry.path("topic").asString());
                    }
                });
            }
        }
        return consumers.forward(caller, group, instance, "POST", "/positions",
                SeekBody.withEpochTimestamps(request));
    }

    @PostMapping(path = INSTANCE + "/positions/beginning", consumes = {MediaType.APPLICATION_JSON_VALUE, ANY_JSON})
    CompletableFuture<ResponseEntity<?>> seekToBeginning(Access access, @PathVariable String group,
                                                         @PathVariable String instance,
                                                         @RequestBody ConsumerAssignment request) {
        UserPrincipal caller = member(access, group);
        requirePartitions(access, AclOperation.READ, request);
        return consumers.forward(caller, group, instance, "POST", "/positions/beginning", request);
    }

    @PostMapping(path = INSTANCE + "/positions/end", consumes = {MediaType.APPLICATION_JSON_VALUE, ANY_JSON})
    CompletableFuture<ResponseEntity<?>> seekToEnd(Access access, @PathVariable String group,
                                                   @PathVariable String instance,
                                                   @RequestBody ConsumerAssignment request) {
        UserPrincipal caller = member(access, group);
        requirePartitions(access, AclOperation.READ, request);
        return consumers.forward(caller, group, instance, "POST", "/positions/end", request);
    }

    @GetMapping(INSTANCE + "/records")
    CompletableFuture<ResponseEntity<?>> poll(Access access, @PathVariable String group,
                                              @PathVariable String instance,
                                              @RequestParam(value = "timeout", required = false) Long timeout,
                                              @RequestParam(value = "max_bytes", required = false) Long maxBytes,
                                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
                                              String accept) {
        return consumers.poll(member(access, group), access, group, instance, timeout, maxBytes, accept);
    }

    @PostMapping(path = INSTANCE + "/offsets")
    CompletableFuture<ResponseEntity<?>> commit(Access access, @PathVariable String group,
                                                @PathVariable String instance,
                                                @RequestBody(required = false) ConsumerOffsets request) {
        UserPrincipal caller = member(access, group);
        List<TopicPartitionOffset> named = request == null || request.offsets() == null ? List.of()
                : request.offsets();
        if (named.isEmpty()) {
            // commits every position of the instance: READ on each topic it reads (Kafka's OffsetCommit)
            return consumers.withReadTopics(caller, group, instance, topics -> checked(() -> {
                topics.forEach(topic -> access.requireTopic(AclOperation.READ, topic));
                return consumers.commit(caller, group, instance, request);
            }));
        }
        topics(named.stream().map(entry -> entry == null ? null : entry.topic()))
                .forEach(topic -> access.requireTopic(AclOperation.READ, topic));
        return consumers.commit(caller, group, instance, request);
    }

    @GetMapping(INSTANCE + "/offsets")
    CompletableFuture<ResponseEntity<?>> committed(Access access, @PathVariable String group,
                                                   @PathVariable String instance,
                                                   @RequestBody(required = false) ConsumerAssignment request) {
        UserPrincipal caller = member(access, group);
        ConsumerAssignment query = request == null || request.partitions() == null
                ? new ConsumerAssignment(List.of()) : request;
        if (query.partitions().isEmpty()) {
            // the committed offsets of every partition it reads: DESCRIBE on each (Kafka's OffsetFetch)
            return consumers.withReadTopics(caller, group, instance, topics -> checked(() -> {
                topics.forEach(topic -> access.requireTopic(AclOperation.DESCRIBE, topic));
                return consumers.forward(caller, group, instance, "POST", "/offsets/query", query);
            }));
        }
        topics(query.partitions().stream().map(partition -> partition == null ? null : partition.topic()))
                .forEach(topic -> access.requireTopic(AclOperation.DESCRIBE, topic));
        return consumers.forward(caller, group, instance, "POST", "/offsets/query", query);
    }

    /** Refuses with 403/40301 unless the caller may perform {@code operation} on each topic the body names. */
    private static void requirePartitions(Access access, AclOperation operation, ConsumerAssignment request) {
        if (request != null && request.partitions() != null) {
            topics(request.partitions().stream().map(partition -> partition == null ? null : partition.topic()))
                    .forEach(topic -> access.requireTopic(operation, topic));
        }
    }

    /** The distinct topics named, nulls left out (the coordinator refuses those entries). */
    private static List<String> topics(Stream<String> named) {
        return named.filter(Objects::nonNull).distinct().toList();
    }

    /** {@code call}'s answer, or the refusal it threw, as an answer (for checks made in a future's stage). */
    private static CompletableFuture<ResponseEntity<?>> checked(
            Supplier<CompletableFuture<ResponseEntity<?>>> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(ErrorResponses.of(e));
        }
    }

    /** The caller, once it may READ the group: every consumer route is a group member's call (Kafka's JoinGroup). */
    private static UserPrincipal member(Access access, String group) {
        ConsumerService.checkName("group id", group);
        access.require(AclOperation.READ, AclResourceType.GROUP, group);
        return access.caller();
    }
}
