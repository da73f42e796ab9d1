/**
 * The controller's own meters (Micrometer, scraped on {@code /actuator/prometheus}): whether this instance is
 * active, the cluster's live brokers and partition health as the active controller sees them, and its leader
 * election passes ({@link ControllerMetrics}).
 */
package dev.streamlog.controller.metrics;
