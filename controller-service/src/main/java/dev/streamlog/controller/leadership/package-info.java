/**
 * Partition leadership on the active controller: {@link dev.streamlog.controller.leadership.LeaderElector}
 * runs leader elections when the live brokers change or a controller activates, and periodic
 * preferred-leader restores, through the controller's fenced writes;
 * {@link dev.streamlog.controller.leadership.LeaderAndIsrSender} then tells the storage nodes
 * holding the changed partitions ({@code POST /internal/v1/leader-and-isr}).
 */
package dev.streamlog.controller.leadership;
