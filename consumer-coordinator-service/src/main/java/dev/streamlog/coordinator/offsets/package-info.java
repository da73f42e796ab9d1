/**
 * The internal topic {@code __consumer_offsets}: its record format, its creation, appending to one
 * of its partitions (acks=all, one request in flight) and replaying one.
 */
package dev.streamlog.coordinator.offsets;
