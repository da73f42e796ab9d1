package dev.streamlog.storage.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The segments of one partition log ordered by base offset; the last is the active one.
 * Never empty once a log is open.
 *
 * <p>Thread-safety: backed by a concurrent skip list, so readers look segments up while the
 * writer (under the partition lock) adds and removes them.
 */
final class SegmentSet {

    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();

    void add(Segment segment) {
        segments.put(segment.baseOffset(), segment);
    }

    void remove(Segment segment) {
        segments.remove(segment.baseOffset(), segment);
    }

    Segment active() {
        return segments.lastEntry().getValue();
    }

    Segment first() {
        return segments.firstEntry().getValue();
    }

    /** The segment that would hold {@code offset}: the last one starting at or before it, or null. */
    Segment floor(long offset) {
        Map.Entry<Long, Segment> entry = segments.floorEntry(offset);
        return entry == null ? null : entry.getValue();
    }

    /** The segment after the one starting at {@code baseOffset}, or null. */
    Segment higher(long baseOffset) {
        Map.Entry<Long, Segment> entry = segments.higherEntry(baseOffset);
        return entry == null ? null : entry.getValue();
    }

    /** Every segment, oldest first (a snapshot). */
    List<Segment> all() {
        return new ArrayList<>(segments.values());
    }

    /** The segments starting after {@code baseOffset}, oldest first (a snapshot). */
    List<Segment> after(long baseOffset) {
        return new ArrayList<>(segments.tailMap(baseOffset, false).values());
    }

    /** The segments starting at or after {@code baseOffset}, oldest first (a snapshot). */
    List<Segment> from(long baseOffset) {
        return new ArrayList<>(segments.tailMap(baseOffset, true).values());
    }

    int count() {
        return segments.size();
    }

    long sizeInBytes() {
        long total = 0;
        for (Segment segment : segments.values()) {
            total += segment.size();
        }
        return total;
    }
}
