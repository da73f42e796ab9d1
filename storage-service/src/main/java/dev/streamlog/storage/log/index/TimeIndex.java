package dev.streamlog.storage.log.index;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The sparse time index of one segment ({@code .timeindex} file): records how the largest
 * timestamp seen grows with the offset, so a search by time can skip every batch that is
 * certainly older.
 *
 * <h2>Format</h2>
 * A sequence of 12-byte entries, big-endian: {@code int64 timestamp} (the largest record
 * timestamp in the segment up to and including the batch at), {@code int32 relativeOffset}
 * (base offset of that batch minus the segment's base offset). Timestamps strictly increase
 * from entry to entry. An entry is added with each offset index entry when the largest
 * timestamp grew, and once more when the segment becomes inactive, so the last entry holds
 * the segment's largest timestamp. Preallocated while active, trimmed on roll and close.
 *
 * <p>Thread-safety: as {@link IndexFile}: one appending thread, concurrent lookups.
 */
public final class TimeIndex extends IndexFile {

    /** Bytes per entry. */
    public static final int ENTRY_SIZE = 12;

    private TimeIndex(Path path, long baseOffset, int maxIndexBytes, boolean writable) throws IOException {
        super(path, baseOffset, maxIndexBytes, writable, ENTRY_SIZE);
    }

    /** Opens (or creates) the time index of the active segment, writable. */
    public static TimeIndex openWritable(Path path, long baseOffset, int maxIndexBytes) throws IOException {
        return new TimeIndex(path, baseOffset, maxIndexBytes, true);
    }

    /** Opens the trimmed time index of an inactive segment. */
    public static TimeIndex openReadOnly(Path path, long baseOffset) throws IOException {
        return new TimeIndex(path, baseOffset, 0, false);
    }

    /**
     * Whether a regular entry would not fit: one slot stays free for the final entry that
     * {@link #maybeAppend} adds when the segment becomes inactive.
     */
    @Override
    public boolean isFull() {
        return entries() >= maxEntries() - 1;
    }

    /**
     * Adds {@code (timestamp, offset)} if the timestamp exceeds the last entry's, otherwise
     * does nothing. The caller guarantees the offset is not below the last entry's.
     */
    public void maybeAppend(long timestamp, long offset) {
        int slot = entries();
        if (slot >= maxEntries() || (slot > 0 && timestamp <= readLong(slot - 1, 0))) {
            return;
        }
        writeLong(slot, 0, timestamp);
        writeInt(slot, 8, Math.toIntExact(offset - baseOffset));
        publishAppend();
    }

    /**
     * The offset from which a scan for the first record with a timestamp of at least
     * {@code timestamp} may start: every record before it is older. The base offset when no
     * entry is older.
     */
    public long lookup(long timestamp) {
        return locked(() -> {
            int slot = floorSlot(timestamp - 1, this::timestampAt);
            return slot < 0 ? baseOffset : baseOffset + readInt(slot, 8);
        });
    }

    /** The last entry, or (-1, base offset) when there is none. */
    public TimestampOffset lastEntry() {
        return locked(() -> entries() == 0
                ? new TimestampOffset(-1, baseOffset)
                : new TimestampOffset(readLong(entries() - 1, 0), baseOffset + readInt(entries() - 1, 8)));
    }

    /** Drops every entry for an offset at or above {@code offset}. */
    public void truncateTo(long offset) {
        int keep = locked(() -> {
            int n = entries();
            while (n > 0 && baseOffset + readInt(n - 1, 8) >= offset) {
                n--;
            }
            return n;
        });
        truncateToEntries(keep);
    }

    @Override
    protected boolean entriesSane(int logSizeInBytes) {
        long lastTimestamp = Long.MIN_VALUE;
        int lastRelative = 0;
        for (int i = 0; i < entries(); i++) {
            long timestamp = readLong(i, 0);
            int relative = readInt(i, 8);
            if (timestamp <= lastTimestamp || relative < lastRelative || timestamp < 0) {
                return false;
            }
            lastTimestamp = timestamp;
            lastRelative = relative;
        }
        return entries() == 0 || logSizeInBytes > 0;
    }

    private long timestampAt(long slot) {
        return readLong((int) slot, 0);
    }
}
