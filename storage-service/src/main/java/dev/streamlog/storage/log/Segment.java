package dev.streamlog.storage.log;

import dev.streamlog.model.batch.LogRecord;
import dev.streamlog.model.batch.RecordBatch;
import dev.streamlog.storage.log.index.OffsetIndex;
import dev.streamlog.storage.log.index.OffsetPosition;
import dev.streamlog.storage.log.index.TimeIndex;
import dev.streamlog.storage.log.index.TimestampOffset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One segment of a partition log: a {@code .log} file of whole batches starting at
 * {@link #baseOffset()}, with its {@link OffsetIndex} and {@link TimeIndex}.
 *
 * <p>Thread-safety: one writer (its {@link PartitionLog}, under the partition lock) appends,
 * truncates, recovers, rolls and closes; {@link #flushFromAnyThread} fsyncs from outside that
 * lock, through the writer's channel without ever reopening it; any number of readers call {@link #read} and
 * {@link #findByTimestamp} concurrently, through a channel of their own (so an interrupted
 * reader, which makes the JDK close the channel it was blocked in, never breaks the writer).
 * The writer writes a batch's bytes first and then publishes the new {@link #size()}
 * (volatile); readers never look past the size they read and stop at any header that does
 * not fit inside it, so they never see half a batch.
 */
final class Segment implements AutoCloseable {

    private static final int CRC_CHUNK_BYTES = 64 * 1024;

    private final long baseOffset;
    /** Reassigned only by the writer (reopened after an interrupt closed it); volatile for flushFromAnyThread. */
    private volatile FileChannel channel;
    private volatile FileChannel readChannel;
    private volatile boolean closed;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final int indexIntervalBytes;
    private final long createdMs;
    private final boolean indexFilesExisted;
    private Path logPath;
    private volatile int size;
    private volatile long nextOffset;
    private volatile long maxTimestamp = -1;
    private long offsetOfMaxTimestamp;
    private int bytesSinceLastIndexEntry;

    private Segment(Path dir, long baseOffset, LogConfig config, boolean active, long nowMs) throws IOException {
        this.baseOffset = baseOffset;
        this.logPath = LogFiles.logFile(dir, baseOffset);
        this.indexIntervalBytes = config.indexIntervalBytes();
        this.createdMs = nowMs;
        this.channel = FileChannel.open(logPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.readChannel = FileChannel.open(logPath, StandardOpenOption.READ);
        Path indexPath = LogFiles.offsetIndexFile(dir, baseOffset);
        Path timeIndexPath = LogFiles.timeIndexFile(dir, baseOffset);
        this.indexFilesExisted = Files.exists(indexPath) && Files.exists(timeIndexPath);
        if (active) {
            this.offsetIndex = OffsetIndex.openWritable(indexPath, baseOffset, config.segmentIndexBytes());
            this.timeIndex = TimeIndex.openWritable(timeIndexPath, baseOffset, config.segmentIndexBytes());
        } else {
            touch(indexPath);
            touch(timeIndexPath);
            this.offsetIndex = OffsetIndex.openReadOnly(indexPath, baseOffset);
            this.timeIndex = TimeIndex.openReadOnly(timeIndexPath, baseOffset);
        }
        long fileSize = channel.size();
        this.size = (int) Math.min(fileSize, Integer.MAX_VALUE);
        this.nextOffset = baseOffset;
        this.offsetOfMaxTimestamp = baseOffset;
    }

    /** Creates a new, empty active segment, replacing leftover files of the same name. */
    static Segment create(Path dir, long baseOffset, LogConfig config, long nowMs) throws IOException {
        Files.deleteIfExists(LogFiles.logFile(dir, baseOffset));
        Files.deleteIfExists(LogFiles.offsetIndexFile(dir, baseOffset));
        Files.deleteIfExists(LogFiles.timeIndexFile(dir, baseOffset));
        return new Segment(dir, baseOffset, config, true, nowMs);
    }

    /**
     * Opens an existing segment. Its state ({@link #nextOffset()}, largest timestamp) is not
     * known until {@link #loadState()} or {@link #recover} runs.
     */
    static Segment open(Path dir, long baseOffset, LogConfig config, boolean active, long nowMs) throws IOException {
        return new Segment(dir, baseOffset, config, active, nowMs);
    }

    long baseOffset() {
        return baseOffset;
    }

    /** Bytes of complete batches. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Offset the next batch appended here will get. */
    long nextOffset() {
        return nextOffset;
    }

    /** Largest record timestamp in the segment, -1 when empty. */
    long maxTimestamp() {
        return maxTimestamp;
    }

    /** When this segment object was created or opened (segment.ms counts from here). */
    long createdMs() {
        return createdMs;
    }

    /** Last modification time of the log file, for segments without timestamps. */
    long lastModifiedMs() throws IOException {
        return Files.getLastModifiedTime(logPath).toMillis();
    }

    boolean indexesFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    /**
     * Appends a batch whose offsets and epoch are already stamped. Adds index entries every
     * {@code index.interval.bytes}.
     */
    void append(RecordBatch batch) throws IOException {
        int position = size;
        ByteBuffer bytes = batch.buffer();
        int length = bytes.remaining();
        FileChannel out = writable();
        while (bytes.hasRemaining()) {
            out.write(bytes, position + (long) bytes.position());
        }
        if (batch.maxTimestamp() > maxTimestamp) {
            maxTimestamp = batch.maxTimestamp();
            offsetOfMaxTimestamp = batch.baseOffset();
        }
        size = position + length;
        nextOffset = batch.lastOffset() + 1;
        indexBatch(batch.baseOffset(), position, length);
    }

    /**
     * Whole batches from the one holding {@code startOffset}, below
     * {@code maxOffsetExclusive}, up to {@code maxBytes} (the first batch is always whole,
     * even if larger). The offset index lets it skip the headers of most batches in between.
     *
     * @return the slice; empty when the first batch is not below {@code maxOffsetExclusive}
     *         or {@code maxBytes} is 0; null when no batch here holds {@code startOffset}
     */
    LogSlice read(long startOffset, int maxBytes, long maxOffsetExclusive) throws IOException {
        int limit = size;
        FileChannel in = readable();
        ByteBuffer scratch = BatchHeader.scratch();
        BatchHeader first = findBatch(in, startOffset, limit, scratch);
        if (first == null) {
            return null;
        }
        if (first.lastOffset() >= maxOffsetExclusive || maxBytes == 0) {
            return LogSlice.empty(first.baseOffset());
        }
        int end = first.end();
        long next = first.nextOffset();
        OffsetPosition jump = offsetIndex.lastEntryWithin((long) first.position() + maxBytes, maxOffsetExclusive);
        if (jump != null && jump.position() > end && jump.position() <= limit) {
            end = jump.position();
            next = jump.offset();
        }
        while (end < limit && (long) end - first.position() + RecordBatch.HEADER_SIZE <= maxBytes) {
            BatchHeader header = BatchHeader.read(in, end, limit, scratch);
            if (header == null || header.lastOffset() >= maxOffsetExclusive || header.end() - first.position() > maxBytes) {
                break;
            }
            end = header.end();
            next = header.nextOffset();
        }
        return new LogSlice(in, first.position(), end - first.position(), first.baseOffset(), next);
    }

    /**
     * The first record at or after {@code startingOffset} whose timestamp is at least
     * {@code timestamp}, or null when this segment has none.
     */
    TimestampOffset findByTimestamp(long timestamp, long startingOffset) throws IOException {
        if (maxTimestamp < timestamp) {
            return null;
        }
        int limit = size;
        FileChannel in = readable();
        ByteBuffer scratch = BatchHeader.scratch();
        long from = Math.max(timeIndex.lookup(timestamp), startingOffset);
        BatchHeader header = findBatch(in, from, limit, scratch);
        while (header != null) {
            if (header.maxTimestamp() >= timestamp && header.lastOffset() >= startingOffset) {
                for (LogRecord record : readBatch(in, header).records()) {
                    if (record.timestamp() >= timestamp && record.offset() >= startingOffset) {
                        return new TimestampOffset(record.timestamp(), record.offset());
                    }
                }
            }
            header = BatchHeader.read(in, header.end(), limit, scratch);
            if (header != null && !header.fits(limit)) {
                return null;
            }
        }
        return null;
    }

    /**
     * Removes every batch holding an offset at or above {@code offset}: a batch straddling
     * it goes whole.
     *
     * @return whether anything was removed
     */
    boolean truncateTo(long offset) throws IOException {
        BatchHeader first = findBatch(writable(), offset, size, BatchHeader.scratch());
        if (first == null) {
            return false;
        }
        offsetIndex.truncateTo(first.baseOffset());
        timeIndex.truncateTo(first.baseOffset());
        writable().truncate(first.position());
        size = first.position();
        nextOffset = first.baseOffset();
        loadState();
        return true;
    }

    /**
     * Recomputes {@link #nextOffset()} and the largest timestamp from the indexes and the
     * batch headers after the last offset index entry.
     *
     * @return false if a header there is damaged (the segment then needs {@link #recover})
     */
    boolean loadState() throws IOException {
        int limit = size;
        TimestampOffset lastTime = timeIndex.lastEntry();
        maxTimestamp = lastTime.timestamp();
        offsetOfMaxTimestamp = lastTime.offset();
        FileChannel in = writable();
        int position = offsetIndex.lastPosition();
        long next = baseOffset;
        if (offsetIndex.entries() > 0) {
            next = offsetIndex.entry(offsetIndex.entries() - 1).offset();
        }
        ByteBuffer scratch = BatchHeader.scratch();
        while (position < limit) {
            BatchHeader header = BatchHeader.read(in, position, limit, scratch);
            if (header == null || !header.isConsistent() || header.baseOffset() != next || !header.fits(limit)) {
                return false;
            }
            if (header.maxTimestamp() > maxTimestamp) {
                maxTimestamp = header.maxTimestamp();
                offsetOfMaxTimestamp = header.baseOffset();
            }
            next = header.nextOffset();
            position = header.end();
        }
        nextOffset = next;
        bytesSinceLastIndexEntry = limit - offsetIndex.lastPosition();
        return true;
    }

    /**
     * Rebuilds this segment from its log file: checks every batch's header, offsets (the
     * first at the base offset, each following its predecessor) and CRC, rebuilds both
     * indexes, and cuts the file at the first batch that fails or is incomplete.
     *
     * @param epochs told the epoch and base offset of every good batch
     * @return how many bytes were cut off
     */
    int recover(LogConfig config, boolean active, EpochObserver epochs) throws IOException {
        offsetIndex.growForAppend(config.segmentIndexBytes());
        timeIndex.growForAppend(config.segmentIndexBytes());
        offsetIndex.reset();
        timeIndex.reset();
        maxTimestamp = -1;
        offsetOfMaxTimestamp = baseOffset;
        bytesSinceLastIndexEntry = 0;
        FileChannel file = writable();
        long fileSize = file.size();
        long limit = Math.min(fileSize, Integer.MAX_VALUE);
        ByteBuffer scratch = BatchHeader.scratch();
        ByteBuffer chunk = ByteBuffer.allocateDirect(CRC_CHUNK_BYTES);
        int position = 0;
        long next = baseOffset;
        while (true) {
            BatchHeader header = BatchHeader.read(file, position, limit, scratch);
            if (header == null || !header.isConsistent() || header.baseOffset() != next
                    || !header.fits(limit) || header.crc() != crcOf(file, header, chunk)) {
                break;
            }
            if (header.maxTimestamp() > maxTimestamp) {
                maxTimestamp = header.maxTimestamp();
                offsetOfMaxTimestamp = header.baseOffset();
            }
            indexBatch(header.baseOffset(), position, header.size());
            epochs.batch(header.epoch(), header.baseOffset());
            next = header.nextOffset();
            position = header.end();
        }
        file.truncate(position);
        size = position;
        nextOffset = next;
        if (!active) {
            onBecomeInactive();
        }
        return (int) (fileSize - position);
    }

    /** Tells {@code observer} the epoch and base offset of every batch, oldest first. */
    void forEachBatch(EpochObserver observer) throws IOException {
        int limit = size;
        ByteBuffer scratch = BatchHeader.scratch();
        int position = 0;
        FileChannel in = writable();
        while (position < limit) {
            BatchHeader header = BatchHeader.read(in, position, limit, scratch);
            if (header == null || !header.fits(limit)) {
                return;
            }
            observer.batch(header.epoch(), header.baseOffset());
            position = header.end();
        }
    }

    /** Adds the final time index entry and trims both indexes: the segment stops growing. */
    void onBecomeInactive() throws IOException {
        if (maxTimestamp >= 0) {
            timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp);
        }
        offsetIndex.trimToSize();
        timeIndex.trimToSize();
        FileChannel out = writable();
        if (out.size() > size) {
            out.truncate(size);
        }
    }

    /** Makes a trimmed segment writable again (truncation made it the active one). */
    void reopenForAppend(LogConfig config) throws IOException {
        offsetIndex.growForAppend(config.segmentIndexBytes());
        timeIndex.growForAppend(config.segmentIndexBytes());
    }

    /** fsyncs the log file and both indexes; the writer's call. */
    void flush() throws IOException {
        writable().force(true);
        offsetIndex.flush();
        timeIndex.flush();
    }

    /**
     * fsyncs the log file and both indexes from outside the partition lock (group commit, and the
     * flush of rolled segments), through the channel as it is: never reopens it.
     *
     * @return false if the segment is closed (retired by retention or truncation, or its log
     *         closed, which fsyncs what it closes), so there was nothing to fsync
     * @throws java.nio.channels.ClosedChannelException if the channel was closed (by an
     *         interrupt) while the segment is open: the fsync did not happen
     */
    boolean flushFromAnyThread() throws IOException {
        if (closed) {
            return false;
        }
        try {
            channel.force(true);
        } catch (ClosedChannelException e) {
            if (closed) {
                return false;
            }
            throw e;
        }
        offsetIndex.flush();
        timeIndex.flush();
        return true;
    }

    /** Renames the files to {@code *.deleted}; open readers carry on. */
    void markDeleted() throws IOException {
        Path deleted = LogFiles.deletedFile(logPath);
        Files.move(logPath, deleted, StandardCopyOption.ATOMIC_MOVE);
        logPath = deleted;
        offsetIndex.renameTo(LogFiles.deletedFile(offsetIndex.path()));
        timeIndex.renameTo(LogFiles.deletedFile(timeIndex.path()));
    }

    /** Closes the segment and deletes its files. */
    void closeAndDelete() throws IOException {
        close();
        Files.deleteIfExists(logPath);
        offsetIndex.closeAndDelete();
        timeIndex.closeAndDelete();
    }

    /** Closes the file and unmaps the indexes (trimming is {@link #onBecomeInactive}'s job). */
    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
        readChannel.close();
        offsetIndex.close();
        timeIndex.close();
    }

    /** Whether both index files were there when the segment was opened and look intact. */
    boolean indexesSane() {
        return indexFilesExisted && offsetIndex.isSane(size) && timeIndex.isSane(size);
    }

    @Override
    public String toString() {
        return "Segment[" + logPath.getFileName() + ", size=" + size + ", next=" + nextOffset + "]";
    }

    /** Told about each good batch during {@link #recover}. */
    @FunctionalInterface
    interface EpochObserver {
        void batch(int epoch, long baseOffset);
    }

    private void indexBatch(long batchBaseOffset, int position, int length) {
        if (bytesSinceLastIndexEntry > indexIntervalBytes && !offsetIndex.isFull() && !timeIndex.isFull()) {
            offsetIndex.append(batchBaseOffset, position);
            timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += length;
    }

    /** The header of the first batch whose last offset is at least {@code offset}, or null. */
    private BatchHeader findBatch(FileChannel in, long offset, int limit, ByteBuffer scratch) throws IOException {
        OffsetPosition start = offsetIndex.lookup(offset);
        int position = Math.min(start.position(), limit);
        while (position < limit) {
            BatchHeader header = BatchHeader.read(in, position, limit, scratch);
            if (header == null || !header.fits(limit)) {
                return null;
            }
            if (header.lastOffset() >= offset) {
                return header;
            }
            position = header.end();
        }
        return null;
    }

    private RecordBatch readBatch(FileChannel in, BatchHeader header) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(header.size());
        while (bytes.hasRemaining()) {
            if (in.read(bytes, header.position() + (long) bytes.position()) < 0) {
                throw new IOException("log file " + logPath + " ended inside the batch at " + header.position());
            }
        }
        return RecordBatch.of(bytes.flip());
    }

    /** CRC-32C of the batch's checked bytes, read from the file in chunks. */
    private static long crcOf(FileChannel channel, BatchHeader header, ByteBuffer chunk) throws IOException {
        CRC32C crc = new CRC32C();
        long position = header.position() + (long) RecordBatch.ATTRIBUTES_OFFSET;
        long end = header.end();
        while (position < end) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), end - position));
            int read = channel.read(chunk, position);
            if (read < 0) {
                return -1;
            }
            chunk.flip();
            crc.update(chunk);
            position += read;
        }
        return crc.getValue();
    }

    /**
     * The writer's channel, opened again if an interrupted writer thread closed it (the JDK
     * closes a channel when a thread blocked in it is interrupted). Writer only.
     */
    private FileChannel writable() throws IOException {
        if (!channel.isOpen() && !closed) {
            channel = FileChannel.open(logPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return channel;
    }

    /**
     * The readers' channel, separate from the writer's so an interrupted reader never breaks
     * appends, and opened again if an interrupted reader closed it.
     */
    private FileChannel readable() throws IOException {
        FileChannel current = readChannel;
        if (!current.isOpen() && !closed) {
            synchronized (this) {
                if (readChannel == current) {
                    readChannel = FileChannel.open(logPath, StandardOpenOption.READ);
                }
                current = readChannel;
            }
        }
        return current;
    }

    private static void touch(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }
}
