/**
 * Replica placement: which brokers hold the replicas of new partitions, behind
 * {@link dev.streamlog.controller.placement.ReplicaPlacer}. Plain Java, no ZooKeeper or Spring.
 */
package dev.streamlog.controller.placement;
