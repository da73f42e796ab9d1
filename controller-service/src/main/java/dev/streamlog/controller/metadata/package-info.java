/**
 * The controller's logic, free of ZooKeeper and Spring (in the manner of Kafka's metadata
 * controller): an immutable {@link dev.streamlog.controller.metadata.ClusterImage} of the
 * cluster, commands ({@link dev.streamlog.controller.metadata.TopicCommands},
 * {@link dev.streamlog.controller.metadata.RecoveryCommands}) that validate a request against an
 * image and return a {@link dev.streamlog.controller.metadata.ControllerResult}: the
 * {@link dev.streamlog.controller.metadata.ZkWrite}s to persist and the response. A persister
 * applies the writes as ZooKeeper transactions fenced by the controller epoch; the image then
 * changes only by replaying the same writes ({@link dev.streamlog.controller.metadata.ClusterImage#replay}).
 * Failover is: load the image from ZooKeeper, run the recovery commands, serve.
 */
package dev.streamlog.controller.metadata;
