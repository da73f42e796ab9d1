/** Which coordinator owns which {@code __consumer_offsets} partition: ZooKeeper leases, epochs and loading. */
package dev.streamlog.coordinator.ownership;
