package dev.streamlog.gateway.fetch;

import dev.streamlog.gateway.acl.Access;
import dev.streamlog.gateway.acl.AclOperation;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stateless read routes: {@code GET /topics/{t}/partitions/{p}/offsets} and
 * {@code GET /topics/{t}/partitions/{p}/records?offset=&max_bytes=&timeout=} (Redpanda's addition to v2; the
 * answer's media type follows {@code Accept}). Non-numeric parameters are 400/40001. Offsets need DESCRIBE on the
 * topic, records READ, as Kafka's ListOffsets and Fetch. Answers asynchronously. Stateless.
 */
@RestController
class FetchController {

    private final FetchService fetch;

    FetchController(FetchService fetch) {
        this.fetch = fetch;
    }

    @GetMapping("/topics/{topic}/partitions/{partition}/offsets")
    CompletableFuture<ResponseEntity<?>> offsets(Access access, @PathVariable String topic, @PathVariable int partition,
                                                 @RequestParam(value = "timestamp", required = false)
                                                 Long timestamp) {
        access.requireTopic(AclOperation.DESCRIBE, topic);
        return timestamp == null ? fetch.offsets(topic, partition)
                : fetch.offsetForTimestamp(topic, partition, timestamp);
    }

    @GetMapping("/topics/{topic}/partitions/{partition}/records")
    CompletableFuture<ResponseEntity<?>> records(Access access, @PathVariable String topic, @PathVariable int partition,
                                                 @RequestParam("offset") long offset,
                                                 @RequestParam(value = "max_bytes", required = false) Long maxBytes,
                                                 @RequestParam(value = "timeout", required = false) Long timeout,
                                                 @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
                                                 String accept) {
        access.requireTopic(AclOperation.READ, topic);
        return fetch.records(topic, partition, offset, maxBytes, timeout, accept);
    }
}
