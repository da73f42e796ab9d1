/** The coordinator's settings and the wiring of its ZooKeeper, storage and controller clients. */
package dev.streamlog.coordinator.config;
