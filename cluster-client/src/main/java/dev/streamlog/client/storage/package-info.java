/**
 * Calls to the storage nodes' internal API: an asynchronous HTTP client with timeouts, the mapping of answers and
 * failures to error codes, and routing to a partition's leader with one retry after a "not leader" answer.
 */
package dev.streamlog.client.storage;
