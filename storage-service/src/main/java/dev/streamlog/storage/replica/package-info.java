/**
 * Replication between storage nodes: leadership changes applied to local replicas (from the
 * ZooKeeper watch and the controller's pushes), followers pulling raw batches from their
 * leaders after truncating to the leader's epoch boundary, the leader's fetch endpoint that
 * tracks follower progress and the high watermark, and the ISR kept in ZooKeeper with
 * version-checked writes. ZooKeeper itself is reached through {@link
 * dev.streamlog.storage.replica.IsrStore} and {@link dev.streamlog.storage.replica.BrokerAddresses},
 * implemented in the cluster package.
 */
package dev.streamlog.storage.replica;
