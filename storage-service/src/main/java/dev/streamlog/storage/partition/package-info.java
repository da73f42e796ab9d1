/**
 * Which local replica serves a request: the routing table the reconciler publishes and the
 * lookup that answers "leader here", "another leader", "no leader", "no such topic or
 * partition". Lock order: a partition's {@code HostedPartition.appendLock()} is taken before
 * any engine lock (see the engine's {@code LOCKS.md}) and never inside one.
 */
package dev.streamlog.storage.partition;
