package dev.streamlog.gateway.consumer;

import dev.streamlog.gateway.acl.Access;
import dev.streamlog.gateway.acl.AclOperation;
import dev.streamlog.gateway.acl.AclResourceType;
import dev.streamlog.gateway.auth.UserPrincipal;
import dev.streamlog.model.v2.ConsumerAssignment;
import dev.streamlog.model.v2.ConsumerOffsets;
import dev.streamlog.model.v2.ConsumerSubscription;
import dev.streamlog.model.v2.TopicPartitionOffset;
import dev.streamlog.model.v2.TopicPartitionRef;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * for every route; DESCRIBE on each topic subscribed to or assigned by name; READ on each topic a poll reads or a
 * commit names. Answers asynchronously; stateless.
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
            request.topics().stream().filter(topic -> topic != null).distinct()
                    .forEach(topic -> access.requireTopic(AclOperation.DESCRIBE, topic));
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
        if (request.partitions() != null) {
            request.partitions().stream().filter(partition -> partition != null && partition.topic() != null)
                    .map(TopicPartitionRef::topic).distinct()
                    .forEach(topic -> access.requireTopic(AclOperation.DESCRIBE, topic));
        }
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
        return consumers.forward(member(access, group), group, instance, "POST", "/positions",
                SeekBody.withEpochTimestamps(request));
    }

    @PostMapping(path = INSTANCE + "/positions/beginning", consumes = {MediaType.APPLICATION_JSON_VALUE, ANY_JSON})
    CompletableFuture<ResponseEntity<?>> seekToBeginning(Access access, @PathVariable String group,
                                                         @PathVariable String instance,
                                                         @RequestBody ConsumerAssignment request) {
        return consumers.forward(member(access, group), group, instance, "POST", "/positions/beginning", request);
    }

    @PostMapping(path = INSTANCE + "/positions/end", consumes = {MediaType.APPLICATION_JSON_VALUE, ANY_JSON})
    CompletableFuture<ResponseEntity<?>> seekToEnd(Access access, @PathVariable String group,
                                                   @PathVariable String instance,
                                                   @RequestBody ConsumerAssignment request) {
        return consumers.forward(member(access, group), group, instance, "POST", "/positions/end", request);
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
        if (request != null && request.offsets() != null) {
            request.offsets().stream().filter(entry -> entry != null && entry.topic() != null)
                    .map(TopicPartitionOffset::topic).distinct()
                    .forEach(topic -> access.requireTopic(AclOperation.READ, topic));
        }
        return consumers.commit(caller, group, instance, request);
    }

    @GetMapping(INSTANCE + "/offsets")
    CompletableFuture<ResponseEntity<?>> committed(Access access, @PathVariable String group,
                                                   @PathVariable String instance,
                                                   @RequestBody(required = false) ConsumerAssignment request) {
        return consumers.forward(member(access, group), group, instance, "POST", "/offsets/query",
                request == null ? new ConsumerAssignment(List.of()) : request);
    }

    /** The caller, once it may READ the group: every consumer route is a group member's call (Kafka's JoinGroup). */
    private static UserPrincipal member(Access access, String group) {
        access.require(AclOperation.READ, AclResourceType.GROUP, group);
        return access.caller();
    }
}
