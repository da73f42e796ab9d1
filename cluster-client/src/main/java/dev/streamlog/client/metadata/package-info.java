/**
 * A service's picture of the cluster (live brokers, topics, partition states and leaders), mirrored from
 * ZooKeeper by watches into immutable snapshots.
 */
package dev.streamlog.client.metadata;
