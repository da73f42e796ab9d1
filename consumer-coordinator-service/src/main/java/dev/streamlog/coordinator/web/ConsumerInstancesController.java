package dev.streamlog.coordinator.web;

import dev.streamlog.client.security.CallerPrincipal;
import dev.streamlog.coordinator.membership.GroupMembership;
import dev.streamlog.model.internal.PollPlan;
import dev.streamlog.model.internal.PositionsUpdate;
import dev.streamlog.model.v2.ConsumerAssignment;
import dev.streamlog.model.v2.ConsumerOffsets;
import dev.streamlog.model.v2.ConsumerSeek;
import dev.streamlog.model.v2.ConsumerSubscription;
import dev.streamlog.model.v2.CreateConsumerRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The coordinator's internal consumer-instance routes, under
 * {@code /internal/v1/groups/{g}/instances}, called by the gateway for the v2 consumer routes:
 * <ul>
 *   <li>{@code POST} ({@link CreateConsumerRequest}) → 200 {@code {"instance_id"}};
 *       {@code DELETE /{i}} → 204;</li>
 *   <li>{@code POST|GET|DELETE /{i}/subscription}, {@code POST|GET /{i}/assignments};</li>
 *   <li>{@code POST /{i}/positions} (offsets or timestamps), {@code POST /{i}/positions/beginning|end}
 *       (partitions);</li>
 *   <li>{@code POST /{i}/poll} → {@link PollPlan}; {@code POST /{i}/positions/delivered}
 *       ({@link PositionsUpdate}) after the gateway read the records; {@code POST /{i}/positions/reset}
 *       (partitions whose position the gateway found outside the log: reset by {@code auto.offset.reset});</li>
 *   <li>{@code POST /{i}/offsets} (commit; no entries = the positions), {@code POST /{i}/offsets/query}
 *       (committed offsets of the named partitions, or of all it reads).</li>
 * </ul>
 * Answers are JSON; successes without content are 204. An instance belongs to the principal that created it (the
 * {@link CallerPrincipal} header of the create); {@link InstanceOwnerCheck} refuses the others on every route of
 * it. Stateless; thread-safe.
 */
@RestController
@RequestMapping(path = "/internal/v1/groups/{group}/instances", produces = MediaType.APPLICATION_JSON_VALUE)
class ConsumerInstancesController {

    private final GroupMembership membership;

    ConsumerInstancesController(GroupMembership membership) {
        this.membership = membership;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<Map<String, String>> create(@PathVariable String group,
                                                  @RequestHeader(value = CallerPrincipal.HEADER, required = false)
                                                  String caller,
                                                  @RequestBody CreateConsumerRequest request) {
        return membership.create(group, request, CallerPrincipal.of(caller))
                .thenApply(name -> Map.of("instance_id", name));
    }

    @DeleteMapping("/{instance}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String group, @PathVariable String instance) {
        membership.delete(group, instance);
    }

    @PostMapping(path = "/{instance}/subscription", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    CompletableFuture<Void> subscribe(@PathVariable String group, @PathVariable String instance,
                                      @RequestBody ConsumerSubscription request) {
        return membership.subscribe(group, instance, request);
    }

    @GetMapping("/{instance}/subscription")
    ConsumerSubscription subscription(@PathVariable String group, @PathVariable String instance) {
        return membership.subscription(group, instance);
    }

    @DeleteMapping("/{instance}/subscription")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    CompletableFuture<Void> unsubscribe(@PathVariable String group, @PathVariable String instance) {
        return membership.unsubscribe(group, instance);
    }

    @PostMapping(path = "/{instance}/assignments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    CompletableFuture<Void> assign(@PathVariable String group, @PathVariable String instance,
                                   @RequestBody ConsumerAssignment request) {
        return membership.assign(group, instance, request);
    }

    @GetMapping("/{instance}/assignments")
    ConsumerAssignment assignments(@PathVariable String group, @PathVariable String instance) {
        return membership.assignments(group, instance);
    }

    @PostMapping(path = "/{instance}/positions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    CompletableFuture<Void> seek(@PathVariable String group, @PathVariable String instance,
                                 @RequestBody ConsumerSeek request) {
        return membership.seek(group, instance, request);
    }

    @PostMapping(path = "/{instance}/positions/beginning", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    CompletableFuture<Void> seekToBeginning(@PathVariable String group, @PathVariable String instance,
                                            @RequestBody ConsumerAssignment request) {
        return membership.seekToEdge(group, instance, request, true);
    }

    @PostMapping(path = "/{instance}/positions/end", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    CompletableFuture<Void> seekToEnd(@PathVariable String group, @PathVariable String instance,
                                      @RequestBody ConsumerAssignment request) {
        return membership.seekToEdge(group, instance, request, false);
    }

    @PostMapping(path = "/{instance}/positions/reset", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    CompletableFuture<Void> reset(@PathVariable String group, @PathVariable String instance,
                                  @RequestBody ConsumerAssignment request) {
        return membership.resetPositions(group, instance, request);
    }

    @PostMapping("/{instance}/poll")
    CompletableFuture<PollPlan> poll(@PathVariable String group, @PathVariable String instance) {
        return membership.poll(group, instance);
    }

    @PostMapping(path = "/{instance}/positions/delivered", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delivered(@PathVariable String group, @PathVariable String instance, @RequestBody PositionsUpdate update) {
        membership.advance(group, instance, update);
    }

    @PostMapping(path = "/{instance}/offsets", consumes = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ConsumerOffsets> commit(@PathVariable String group, @PathVariable String instance,
                                              @RequestBody(required = false) ConsumerOffsets request) {
        return membership.commit(group, instance, request);
    }

    @PostMapping(path = "/{instance}/offsets/query", consumes = MediaType.APPLICATION_JSON_VALUE)
    ConsumerOffsets committed(@PathVariable String group, @PathVariable String instance,
                              @RequestBody(required = false) ConsumerAssignment request) {
        return membership.committed(group, instance, request);
    }
}
