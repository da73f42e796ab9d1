package dev.streamlog.gateway.consumer;

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
 * {@code /v3/**} routes forwarded to the controller). Answers asynchronously; stateless.
 */
@RestController
@RequestMapping("/v3/clusters/{clusterId}/consumer-groups")
class ConsumerGroupsController {

    private final ConsumerGroupViews views;

    ConsumerGroupsController(ConsumerGroupViews views) {
        this.views = views;
    }

    @GetMapping
    CompletableFuture<ResponseEntity<?>> groups(@PathVariable String clusterId) {
        return views.groups(resources(clusterId));
    }

    @GetMapping("/{group}")
    CompletableFuture<ResponseEntity<?>> group(@PathVariable String clusterId, @PathVariable String group) {
        return views.group(resources(clusterId), group);
    }

    @GetMapping("/{group}/consumers")
    CompletableFuture<ResponseEntity<?>> consumers(@PathVariable String clusterId, @PathVariable String group) {
        return views.consumers(resources(clusterId), group);
    }

    @GetMapping("/{group}/consumers/{consumer}")
    CompletableFuture<ResponseEntity<?>> consumer(@PathVariable String clusterId, @PathVariable String group,
                                                  @PathVariable String consumer) {
        return views.consumer(resources(clusterId), group, consumer);
    }

    @GetMapping("/{group}/consumers/{consumer}/assignments")
    CompletableFuture<ResponseEntity<?>> assignments(@PathVariable String clusterId, @PathVariable String group,
                                                     @PathVariable String consumer) {
        return views.assignments(resources(clusterId), group, consumer);
    }

    @GetMapping("/{group}/consumers/{consumer}/assignments/{topic}/partitions/{partition}")
    CompletableFuture<ResponseEntity<?>> assignment(@PathVariable String clusterId, @PathVariable String group,
                                                    @PathVariable String consumer, @PathVariable String topic,
                                                    @PathVariable int partition) {
        return views.assignment(resources(clusterId), group, consumer, topic, partition);
    }

    @GetMapping("/{group}/lags")
    CompletableFuture<ResponseEntity<?>> lags(@PathVariable String clusterId, @PathVariable String group) {
        return views.lags(resources(clusterId), group);
    }

    @GetMapping("/{group}/lags/{topic}/partitions/{partition}")
    CompletableFuture<ResponseEntity<?>> lag(@PathVariable String clusterId, @PathVariable String group,
                                             @PathVariable String topic, @PathVariable int partition) {
        return views.lag(resources(clusterId), group, topic, partition);
    }

    @GetMapping("/{group}/lag-summary")
    CompletableFuture<ResponseEntity<?>> lagSummary(@PathVariable String clusterId, @PathVariable String group) {
        return views.lagSummary(resources(clusterId), group);
    }

    /** Links under the URL the client called (after {@code X-Forwarded-*} is applied). */
    private static GroupResources resources(String clusterId) {
        return new GroupResources(ServletUriComponentsBuilder.fromCurrentContextPath().path("/v3/clusters/{c}")
                .buildAndExpand(clusterId).encode().toUriString(), clusterId);
    }
}
