/** Actuator health of the gateway: ZooKeeper connection and metadata loaded. */
package dev.streamlog.gateway.health;
