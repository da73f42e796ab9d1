/**
 * Produce: validating a request, choosing each record's partition (Kafka's partitioner), one append per partition
 * sent in parallel to its leader, and offsets answered in request order.
 */
package dev.streamlog.gateway.produce;
