/**
 * Requests and answers of the public data-plane API, Confluent REST Proxy v2-compatible
 * (see {@code http-api.md}).
 */
package dev.streamlog.model.v2;
