package dev.streamlog.gateway.metadata;

import dev.streamlog.client.metadata.ClusterIdReader;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.ErrorCode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;

/**
 * The check every v3 route the gateway answers itself starts with: the path's cluster id must be this cluster's
 * ({@code /cluster/id} in ZooKeeper), else 404/404; when the id cannot be read in time, 503/50003. Thread-safe.
 */
public final class ClusterIdCheck {

    private final ClusterIdReader clusterId;
    private final Duration timeout;

    /**
     * @param clusterId where the id is read
     * @param timeout   how long {@link #require} waits for it
     */
    public ClusterIdCheck(ClusterIdReader clusterId, Duration timeout) {
        this.clusterId = clusterId;
        this.timeout = timeout;
    }

    /**
     * The same check on the caller's thread, waiting at most the timeout for the id (once read it is kept).
     *
     * @throws ApiException 404/404 for another cluster's id, 503/50003 if the id could not be read
     */
    public void require(String cluster) {
        Optional<String> id;
        try {
            id = clusterId.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreadable();
        } catch (ExecutionException | TimeoutException e) {
            throw unreadable();
        }
        if (id.isEmpty() || !id.get().equals(cluster)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Cluster '" + cluster + "' not found");
        }
    }

    private static ApiException unreadable() {
        return new ApiException(ErrorCode.RETRIABLE, "the cluster id could not be read from ZooKeeper; retry");
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
