package dev.streamlog.storage.replica;

import java.util.Optional;

/** Where other storage nodes are reached: broker id to base URL (registered in ZooKeeper). Implementations are thread-safe. */
public interface BrokerAddresses {

    /** The base URL of a live broker, e.g. {@code http://127.0.0.1:9092}; empty when it is not registered. */
    Optional<String> baseUrl(int brokerId);
}
