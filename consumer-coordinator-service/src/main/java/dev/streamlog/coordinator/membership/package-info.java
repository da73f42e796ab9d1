/** The consumer-instance operations (v2 consumers): membership, rebalances, polls, seeks and commits by instance. */
package dev.streamlog.coordinator.membership;
