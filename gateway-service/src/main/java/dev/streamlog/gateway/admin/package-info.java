/**
 * The v3 admin API, forwarded verbatim to the active controller, which is found from the {@code /controller}
 * leader latch.
 */
package dev.streamlog.gateway.admin;
