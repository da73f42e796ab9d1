package dev.streamlog.client.metadata;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where the cluster's id comes from; {@link ZkClusterId} in production. Implementations are thread-safe. */
@FunctionalInterface
public interface ClusterIdReader {

    /** The id, empty while none is set; fails when it cannot be read in time. */
    CompletableFuture<Optional<String>> clusterId();
}
