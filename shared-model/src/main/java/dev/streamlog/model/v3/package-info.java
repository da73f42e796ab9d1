/**
 * Requests and answers of the admin API, shaped like Confluent's v3 (under
 * {@code /v3/clusters/{cluster_id}}); served by the active controller through the gateway.
 */
package dev.streamlog.model.v3;
