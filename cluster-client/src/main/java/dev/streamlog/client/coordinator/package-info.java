/** Finding a consumer group's coordinator: the holder of the lease on the group's {@code __consumer_offsets} partition. */
package dev.streamlog.client.coordinator;
