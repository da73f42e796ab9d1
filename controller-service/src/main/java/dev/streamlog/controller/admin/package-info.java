/**
 * The topic admin API of the active controller, at the v3 paths of the public API
 * ({@code /v3/clusters/...}, records in {@link dev.streamlog.model.v3}): thin controllers over
 * {@link dev.streamlog.controller.admin.TopicAdmin}, which runs the metadata commands, plus the
 * partition views of replication health, read from ZooKeeper's current partition states.
 */
package dev.streamlog.controller.admin;
