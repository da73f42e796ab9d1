/**
 * This node's data dir as a part that can fail ({@link DataDir}: its free-space floor, offline after a failed write,
 * Kafka's log dir failure handling for a node with one dir) and its health ({@link DataDirHealthIndicator}).
 */
package dev.streamlog.storage.datadir;
