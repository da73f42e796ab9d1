/** Actuator health and info of the controller: ZooKeeper connection, active or standby, epoch. */
package dev.streamlog.controller.health;
