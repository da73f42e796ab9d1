/**
 * What the services keep in ZooKeeper, as JSON records: broker registrations, topic
 * assignments and partition states (paths in {@link dev.streamlog.model.ZkPaths}).
 */
package dev.streamlog.model.cluster;
