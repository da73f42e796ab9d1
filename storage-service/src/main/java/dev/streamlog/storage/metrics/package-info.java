/**
 * The storage node's own meters (Micrometer, scraped on {@code /actuator/prometheus}): what it appends as a
 * leader, ISR changes, the partitions it leads that are under-replicated, each log's size and segment count,
 * each follower's fetch lag and the time fsyncs take ({@link StorageMetrics}).
 */
package dev.streamlog.storage.metrics;
