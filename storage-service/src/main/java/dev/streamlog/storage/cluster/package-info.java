/**
 * The ZooKeeper adapters, the only code that talks to ZooKeeper: the broker registration
 * ({@link dev.streamlog.storage.cluster.BrokerRegistrar}), the topic metadata watch
 * ({@link dev.streamlog.storage.cluster.MetadataWatcher}) and the reconciler that opens,
 * re-configures and deletes local logs to match it ({@link dev.streamlog.storage.cluster.ReplicaManager},
 * deciding with the pure {@code ReplicaPlanner}), plus the node's health.
 */
package dev.streamlog.storage.cluster;
