package dev.streamlog.storage.log.index;

/** A timestamp (epoch ms) paired with an offset. */
public record TimestampOffset(long timestamp, long offset) {
}
