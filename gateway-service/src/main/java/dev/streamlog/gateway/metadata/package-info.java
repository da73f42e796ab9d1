/**
 * The gateway's picture of the cluster (live brokers, topics, partition leaders), mirrored from ZooKeeper by
 * watches into immutable snapshots, and the v2 metadata routes served from it.
 */
package dev.streamlog.gateway.metadata;
