package dev.streamlog.storage.log.index;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The sparse offset index of one segment ({@code .index} file): maps the base offset of some
 * batches to their byte position in the segment's log, one entry per
 * {@code index.interval.bytes} of log. A lookup finds where to start scanning for an offset.
 *
 * <h2>Format</h2>
 * A sequence of 8-byte entries, big-endian: {@code int32 relativeOffset} (offset minus the
 * segment's base offset), {@code int32 position}. Both strictly increase from entry to entry;
 * the first batch of a segment (position 0) has no entry. While the segment is active the file
 * is preallocated with zeros; on roll and on clean close it is trimmed to its entries.
 *
 * <p>Thread-safety: as {@link IndexFile}: one appending thread, concurrent lookups.
 */
public final class OffsetIndex extends IndexFile {

    /** Bytes per entry. */
    public static final int ENTRY_SIZE = 8;

    private OffsetIndex(Path path, long baseOffset, int maxIndexBytes, boolean writable) throws IOException {
        super(path, baseOffset, maxIndexBytes, writable, ENTRY_SIZE);
    }

    /** Opens (or creates) the index of the active segment, writable. */
    public static OffsetIndex openWritable(Path path, long baseOffset, int maxIndexBytes) throws IOException {
        return new OffsetIndex(path, baseOffset, maxIndexBytes, true);
    }

    /** Opens the trimmed index of an inactive segment. */
    public static OffsetIndex openReadOnly(Path path, long baseOffset) throws IOException {
        return new OffsetIndex(path, baseOffset, 0, false);
    }

    /**
     * Adds an entry. The caller guarantees offset and position exceed the last entry's and
     * that the index is not full.
     */
    public void append(long offset, int position) {
        int slot = entries();
        writeInt(slot, 0, Math.toIntExact(offset - baseOffset));
        writeInt(slot, 4, position);
        publishAppend();
    }

    /**
     * The entry with the largest offset not above {@code targetOffset}, or (base offset, 0)
     * when there is none: where a scan for the batch holding {@code targetOffset} starts.
     */
    public OffsetPosition lookup(long targetOffset) {
        return locked(() -> {
            int slot = floorSlot(targetOffset - baseOffset, this::relativeOffsetAt);
            return slot < 0 ? new OffsetPosition(baseOffset, 0) : entryAt(slot);
        });
    }

    /**
     * The last entry whose position is at most {@code maxPosition} and whose offset is at
     * most {@code maxOffset}, or null. Positions and offsets rise together, so the entries
     * meeting both bounds are a prefix: a read uses this to jump over whole batches it will
     * return without reading their headers.
     */
    public OffsetPosition lastEntryWithin(long maxPosition, long maxOffset) {
        return locked(() -> {
            int lo = 0;
            int hi = entries() - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (readInt(mid, 4) <= maxPosition && baseOffset + readInt(mid, 0) <= maxOffset) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found < 0 ? null : entryAt(found);
        });
    }

    /** The entry in slot {@code n} (0-based, below {@link #entries()}). */
    public OffsetPosition entry(int n) {
        return locked(() -> entryAt(n));
    }

    /** Drops every entry for an offset at or above {@code offset}. */
    public void truncateTo(long offset) {
        truncateToEntries(floorSlot(offset - 1 - baseOffset, this::relativeOffsetAt) + 1);
    }

    /** Position of the last entry, 0 when there is none. */
    public int lastPosition() {
        return locked(() -> entries() == 0 ? 0 : readInt(entries() - 1, 4));
    }

    @Override
    protected boolean entriesSane(int logSizeInBytes) {
        long lastRelative = 0;
        long lastPosition = 0;
        for (int i = 0; i < entries(); i++) {
            int relative = readInt(i, 0);
            int position = readInt(i, 4);
            if (relative <= lastRelative || position <= lastPosition || position >= logSizeInBytes) {
                return false;
            }
            lastRelative = relative;
            lastPosition = position;
        }
        return true;
    }

    private long relativeOffsetAt(long slot) {
        return readInt((int) slot, 0);
    }

    private OffsetPosition entryAt(int slot) {
        return new OffsetPosition(baseOffset + readInt(slot, 0), readInt(slot, 4));
    }
}
