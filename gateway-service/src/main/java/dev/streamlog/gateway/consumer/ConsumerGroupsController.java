package dev.streamlog.gateway.consumer;

import dev.streamlog.gateway.acl.Access;
import dev.streamlog.gateway.acl.AclOperation;
import dev.streamlog.gateway.acl.AclResourceType;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /v3/clusters/{c}/consumer-groups[/{g}]}, a group's {@code consumers[/{c}[/assignments[/{t}/partitions/{p}]]]},
 * {@code lags[/{t}/partitions/{p}]} and {@code lag-summary}: answered from the coordinators (more specific than the
 * {@code /v3/**} routes forwarded to the controller). Each needs DESCRIBE on the group; the list shows the groups
 * the caller may describe (all of them with DESCRIBE on the cluster), as Kafka's ListGroups. Answers
 * asynchronously; stateless.
 */
@RestController
@RequestMapping("/v3/clusters/{clusterId}/consumer-groups")
class ConsumerGroupsController {

    private final ConsumerGroupViews views;

    ConsumerGroupsController(ConsumerGroupViews views) {
        this.views = views;
    }

    @GetMapping
    CompletableFuture<ResponseEntity<?>> groups(Access access, @PathVariable String clusterId) {
        boolean all = access.allowsOnCluster(AclOperation.DESCRIBE);
        return views.groups(resources(access, clusterId),
                group -> all || access.allows(AclOperation.DESCRIBE, AclResourceType.GROUP, group));
    }

    @GetMapping("/{group}")
    CompletableFuture<ResponseEntity<?>> group(Access access, @PathVariable String clusterId,
                                               @PathVariable String group) {
        describe(access, group);
        return views.group(resources(access, clusterId), group);
    }

    @GetMapping("/{group}/consumers")
    CompletableFuture<ResponseEntity<?>> consumers(Access access, @PathVariable String clusterId,
                                                   @PathVariable String group) {
        describe(access, group);
        return views.consumers(resources(access, clusterId), group);
    }

    @GetMapping("/{group}/consumers/{consumer}")
    CompletableFuture<ResponseEntity<?>> consumer(Access access, @PathVariable String clusterId,
                                                  @PathVariable String group,
                                                  @PathVariable String consumer) {
        describe(access, group);
        return views.consumer(resources(access, clusterId), group, consumer);
    }

    @GetMapping("/{group}/consumers/{consumer}/assignments")
    CompletableFuture<ResponseEntity<?>> assignments(Access access, @PathVariable String clusterId,
                                                     @PathVariable String group,
                                                     @PathVariable String consumer) {
        describe(access, group);
        return views.assignments(resources(access, clusterId), group, consumer);
    }

    @GetMapping("/{group}/consumers/{consumer}/assignments/{topic}/partitions/{partition}")
    CompletableFuture<ResponseEntity<?>> assignment(Access access, @PathVariable String clusterId,
                                                    @PathVariable String group,
                                                    @PathVariable String consumer, @PathVariable String topic,
                                                    @PathVariable int partition) {
        describe(access, group);
        return views.assignment(resources(access, clusterId), group, consumer, topic, partition);
    }

    @GetMapping("/{group}/lags")
    CompletableFuture<ResponseEntity<?>> lags(Access access, @PathVariable String clusterId,
                                              @PathVariable String group) {
        describe(access, group);
        return views.lags(resources(access, clusterId), group);
    }

    @GetMapping("/{group}/lags/{topic}/partitions/{partition}")
    CompletableFuture<ResponseEntity<?>> lag(Access access, @PathVariable String clusterId,
                                             @PathVariable String group,
                                             @PathVariable String topic, @PathVariable int partition) {
        describe(access, group);
        return views.lag(resources(access, clusterId), group, topic, partition);
    }

    @GetMapping("/{group}/lag-summary")
    CompletableFuture<ResponseEntity<?>> lagSummary(Access access, @PathVariable String clusterId,
                                                    @PathVariable String group) {
        describe(access, group);
        return views.lagSummary(resources(access, clusterId), group);
    }

    /** Refuses with 403/40301 unless the caller may DESCRIBE the group (Kafka's DescribeGroups and OffsetFetch). */
    private static void describe(Access access, String group) {
        ConsumerService.checkName("group id", group);
        access.require(AclOperation.DESCRIBE, AclResourceType.GROUP, group);
    }

    /**
     * Links under the URL the client called (after {@code X-Forwarded-*} is applied); assignments and lags of
     * topics the caller may DESCRIBE (Kafka's OffsetFetch leaves the others out).
     */
    private static GroupResources resources(Access access, String clusterId) {
        return new GroupResources(ServletUriComponentsBuilder.fromCurrentContextPath().path("/v3/clusters/{c}")
                .buildAndExpand(clusterId).encode().toUriString(), clusterId,
                topic -> access.allows(AclOperation.DESCRIBE, AclResourceType.TOPIC, topic));
    }
}
