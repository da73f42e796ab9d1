package dev.streamlog.storage.log.index;

import dev.streamlog.storage.log.errors.LogClosedException;
import dev.streamlog.storage.log.io.MappedIndexFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * What the offset and time indexes share: a mapped file of fixed-width entries sorted by a
 * key, the number of entries in use, binary search, truncation, trimming and growing.
 *
 * <p>Thread-safety: one writer (the segment's owner, under the partition lock) appends and
 * truncates; any number of readers search concurrently. The entry count is volatile and
 * written after an entry's bytes, so a reader never sees half an entry. Remapping (trim,
 * grow, close) takes the write side of a read-write lock that every search holds, so no
 * reader ever touches an unmapped page.
 */
abstract class IndexFile implements AutoCloseable {

    protected final long baseOffset;
    private final int entrySize;
    private final MappedIndexFile file;
    private final ReentrantReadWriteLock mappingLock = new ReentrantReadWriteLock();
    private volatile int entries;
    private int maxEntries;
    private boolean closed;

    /**
     * Opens or creates an index. A writable index is mapped at {@code maxIndexBytes}
     * (rounded down to whole entries) and starts with the entries the file held before
     * (a trimmed file from a clean shutdown); a read-only one maps the file as it is.
     */
    protected IndexFile(Path path, long baseOffset, int maxIndexBytes, boolean writable, int entrySize)
            throws IOException {
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        long existing = Files.exists(path) ? Files.size(path) : 0;
        int existingEntries = (int) Math.min(Integer.MAX_VALUE, existing / entrySize);
        if (writable) {
            int capacity = Math.max(existingEntries, maxIndexBytes / entrySize);
            this.file = MappedIndexFile.openWritable(path, (long) capacity * entrySize);
            this.maxEntries = capacity;
        } else {
            this.file = MappedIndexFile.openReadOnly(path);
            this.maxEntries = existingEntries;
        }
        this.entries = existingEntries;
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** Number of entries in use. */
    public int entries() {
        return entries;
    }

    /** Bytes the entries in use take, the size of the file once trimmed. */
    public long sizeInBytes() {
        return (long) entries * entrySize;
    }

    public Path path() {
        return file.path();
    }

    /** Whether another entry would not fit. */
    public boolean isFull() {
        return entries >= maxEntries;
    }

    protected final int maxEntries() {
        return maxEntries;
    }

    /**
     * Checks that the file holds whole entries, sorted and within the segment's log; a failed
     * check means the index must be rebuilt from the log.
     */
    public final boolean isSane(int logSizeInBytes) {
        return locked(() -> file.length() % entrySize == 0 && entriesSane(logSizeInBytes));
    }

    /** Whether the entries in use are sorted and point inside a log of the given size. */
    protected abstract boolean entriesSane(int logSizeInBytes);

    /** Forgets every entry. */
    public void reset() {
        entries = 0;
    }

    /** Cuts the file to the entries in use and maps it read-only: the segment stops growing. */
    public void trimToSize() throws IOException {
        remap(sizeInBytes(), false);
    }

    /** Maps the file writable at {@code maxIndexBytes} again: the segment grows once more. */
    public void growForAppend(int maxIndexBytes) throws IOException {
        int capacity = Math.max(entries, maxIndexBytes / entrySize);
        remap((long) capacity * entrySize, true);
        maxEntries = capacity;
    }

    /** fsyncs the file. */
    public void flush() throws IOException {
        mappingLock.readLock().lock();
        try {
            if (!closed) {
                file.force();
            }
        } finally {
            mappingLock.readLock().unlock();
        }
    }

    public void renameTo(Path target) throws IOException {
        mappingLock.writeLock().lock();
        try {
            file.renameTo(target);
        } finally {
            mappingLock.writeLock().unlock();
        }
    }

    /** Unmaps the file; later searches fail with {@link LogClosedException}. Idempotent. */
    @Override
    public void close() {
        mappingLock.writeLock().lock();
        try {
            closed = true;
            file.close();
        } finally {
            mappingLock.writeLock().unlock();
        }
    }

    /** Unmaps and deletes the file. */
    public void closeAndDelete() throws IOException {
        close();
        Files.deleteIfExists(file.path());
    }

    /**
     * Largest slot whose key is at most {@code target}, or -1 when every key is larger.
     * {@code keyAt} reads the key of a slot; it runs under the mapping lock.
     */
    protected final int floorSlot(long target, LongUnaryOperator keyAt) {
        mappingLock.readLock().lock();
        try {
            checkOpen();
            int lo = 0;
            int hi = entries - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (keyAt.applyAsLong(mid) <= target) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        } finally {
            mappingLock.readLock().unlock();
        }
    }

    protected final int readInt(int slot, int fieldOffset) {
        return file.readInt((long) slot * entrySize + fieldOffset);
    }

    protected final long readLong(int slot, int fieldOffset) {
        return file.readLong((long) slot * entrySize + fieldOffset);
    }

    protected final void writeInt(int slot, int fieldOffset, int value) {
        file.writeInt((long) slot * entrySize + fieldOffset, value);
    }

    protected final void writeLong(int slot, int fieldOffset, long value) {
        file.writeLong((long) slot * entrySize + fieldOffset, value);
    }

    /** Makes slot {@code entries} visible to readers; call after writing its bytes. */
    protected final void publishAppend() {
        entries = entries + 1;
    }

    protected final void truncateToEntries(int count) {
        entries = count;
    }

    /** Runs a read of entries under the mapping lock. */
    protected final <T> T locked(Supplier<T> read) {
        mappingLock.readLock().lock();
        try {
            checkOpen();
            return read.get();
        } finally {
            mappingLock.readLock().unlock();
        }
    }

    private void remap(long length, boolean writable) throws IOException {
        mappingLock.writeLock().lock();
        try {
            checkOpen();
            file.remap(length, writable);
            if (!writable) {
                maxEntries = entries;
            }
        } finally {
            mappingLock.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new LogClosedException("index " + file.path() + " is closed");
        }
    }
}
