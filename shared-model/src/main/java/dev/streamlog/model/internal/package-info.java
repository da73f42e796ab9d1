/**
 * Contracts between services that users never call: the storage node's append, read and
 * offsets endpoints under {@code /internal/v1/}, used by the gateway.
 */
package dev.streamlog.model.internal;
