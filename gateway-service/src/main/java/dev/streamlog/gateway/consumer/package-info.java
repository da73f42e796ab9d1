/**
 * The v2 consumer routes: every call goes to the group's coordinator (found through its
 * {@code __consumer_offsets} lease, retried once when it moved); polls read the records from the
 * partition leaders. The gateway keeps no consumer state.
 */
package dev.streamlog.gateway.consumer;
