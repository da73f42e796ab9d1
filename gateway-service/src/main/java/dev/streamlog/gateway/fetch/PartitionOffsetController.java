package dev.streamlog.gateway.fetch;

import dev.streamlog.gateway.acl.Access;
import dev.streamlog.gateway.acl.AclOperation;
import dev.streamlog.gateway.metadata.ClusterIdCheck;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.ErrorCode;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /v3/clusters/{c}/topics/{t}/partitions/{p}/offset?offset_type=earliest_and_latest}: Confluent's
 * listKafkaPartitionOffsets, answered from the partition's leader (more specific than the {@code /v3/**} routes
 * forwarded to the controller). {@code earliest_and_latest}, the default, is the only offset type (another is
 * 400/40001, as Confluent refuses it); another cluster's id is 404/404. Needs DESCRIBE on the topic. Answers
 * asynchronously; stateless.
 */
@RestController
class PartitionOffsetController {

    private static final String EARLIEST_AND_LATEST = "earliest_and_latest";

    private final FetchService fetch;
    private final ClusterIdCheck clusterId;

    PartitionOffsetController(FetchService fetch, ClusterIdCheck clusterId) {
        this.fetch = fetch;
        this.clusterId = clusterId;
    }

    @GetMapping("/v3/clusters/{cluster}/topics/{topic}/partitions/{partition}/offset")
    CompletableFuture<ResponseEntity<?>> offset(Access access, @PathVariable String cluster, @PathVariable String topic,
                                                @PathVariable int partition,
                                                @RequestParam(value = "offset_type", defaultValue = EARLIEST_AND_LATEST)
                                                String offsetType) {
        access.requireTopic(AclOperation.DESCRIBE, topic);
        if (!offsetType.equals(EARLIEST_AND_LATEST)) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "offset_type '" + offsetType + "' is invalid; the offset type"
                    + " is " + EARLIEST_AND_LATEST);
        }
        String self = ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null).build().toUriString();
        return clusterId.checked(cluster, () -> {
            try {
                return fetch.partitionWithOffsets(self, cluster, topic, partition);
            } catch (ApiException e) {
                return CompletableFuture.completedFuture(ErrorResponses.of(e));
            }
        });
    }
}
