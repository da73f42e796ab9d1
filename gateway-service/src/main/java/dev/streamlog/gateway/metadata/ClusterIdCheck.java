package dev.streamlog.gateway.metadata;

import dev.streamlog.client.metadata.ClusterIdReader;
import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;

/**
 * The check every v3 route the gateway answers itself starts with: the path's cluster id must be this cluster's
 * ({@code /cluster/id} in ZooKeeper), else 404/40410; when the id cannot be read in time, 503/50003. Thread-safe.
 */
public final class ClusterIdCheck {

    private final ClusterIdReader clusterId;

    public ClusterIdCheck(ClusterIdReader clusterId) {
        this.clusterId = clusterId;
    }

    /** Runs {@code then} if {@code cluster} is this cluster's id; else completes with the error answer. */
    public CompletableFuture<ResponseEntity<?>> checked(String cluster,
                                                        Supplier<CompletableFuture<ResponseEntity<?>>> then) {
        return clusterId.clusterId().handle((id, error) -> {
            if (error != null) {
                return CompletableFuture.<ResponseEntity<?>>completedFuture(ErrorResponses.of(ErrorCode.RETRIABLE,
                        "the cluster id could not be read from ZooKeeper; retry"));
            }
            if (id.isEmpty() || !id.get().equals(cluster)) {
                return CompletableFuture.<ResponseEntity<?>>completedFuture(ErrorResponses.of(ErrorCode.NOT_FOUND,
                        "Cluster '" + cluster + "' not found"));
            }
            return then.get();
        }).thenCompose(Function.identity());
    }
}
