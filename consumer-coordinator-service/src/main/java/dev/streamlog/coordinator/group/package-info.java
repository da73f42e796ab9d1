/** The state of the consumer groups of one {@code __consumer_offsets} partition, rebuilt by replay. */
package dev.streamlog.coordinator.group;
