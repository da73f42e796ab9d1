package dev.streamlog.storage.log.index;

/**
 * An offset index entry: a batch whose base offset is {@code offset} starts at byte
 * {@code position} of its segment's log file.
 */
public record OffsetPosition(long offset, int position) {
}
