/**
 * The per-segment indexes: {@link dev.streamlog.storage.log.index.OffsetIndex} (offset to
 * file position) and {@link dev.streamlog.storage.log.index.TimeIndex} (timestamp to offset),
 * both sparse, both memory-mapped through {@code log.io}.
 */
package dev.streamlog.storage.log.index;
