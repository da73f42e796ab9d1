package dev.streamlog.gateway.consumer;

import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /v3/clusters/{c}/consumer-groups}, {@code …/consumer-groups/{g}} and
 * {@code …/consumer-groups/{g}/lags}: answered from the coordinators (more specific than the
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
        return views.groups(clusterId, self());
    }

    @GetMapping("/{group}")
    CompletableFuture<ResponseEntity<?>> group(@PathVariable String clusterId, @PathVariable String group) {
        return views.group(clusterId, group, self());
    }

    @GetMapping("/{group}/lags")
    CompletableFuture<ResponseEntity<?>> lags(@PathVariable String clusterId, @PathVariable String group) {
        return views.lags(clusterId, group, self());
    }

    private static String self() {
        return ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null).build().toUriString();
    }
}
