/**
 * Actuator views of the controller: its health (ZooKeeper connection, active or standby, epoch), its info, and
 * the {@code cluster} endpoint with brokers, partitions, leaders and ISRs.
 */
package dev.streamlog.controller.health;
