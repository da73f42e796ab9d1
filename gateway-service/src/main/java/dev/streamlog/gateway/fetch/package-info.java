/** Stateless reads by offset (long-polling at the leader) and partition offsets. */
package dev.streamlog.gateway.fetch;
