/**
 * The gateway's own meters (Micrometer, scraped on {@code /actuator/prometheus}): every public API request timed
 * by route kind, status and error code ({@link RequestMetricsFilter}, with the code taken from the error body by
 * {@link ErrorCodeAdvice}), and records and payload bytes in and out per topic ({@link TopicTraffic}).
 */
package dev.streamlog.gateway.metrics;
