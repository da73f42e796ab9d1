package dev.streamlog.storage.log;

import dev.streamlog.storage.log.errors.InvalidArgumentException;
import dev.streamlog.storage.log.errors.LogClosedException;
import dev.streamlog.storage.log.errors.LogStorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The answer to a read: a region of one segment's log file holding whole record batches,
 * to be sent as it is ({@link #transferTo} uses {@link FileChannel#transferTo}, which the OS
 * can serve without copying through user space) or copied out ({@link #readInto}).
 *
 * <p>An empty slice (no batch available yet) has no channel. Immutable; the channel is the
 * segment's read channel, positioned reads only, so a slice may be used from any thread. A
 * segment deleted by retention stays readable for {@code file.delete.delay.ms} (or until the
 * log closes).
 */
public final class LogSlice {

    private final FileChannel channel;
    private final long position;
    private final int sizeInBytes;
    private final long firstOffset;
    private final long nextOffset;

    LogSlice(FileChannel channel, long position, int sizeInBytes, long firstOffset, long nextOffset) {
        this.channel = channel;
        this.position = position;
        this.sizeInBytes = sizeInBytes;
        this.firstOffset = firstOffset;
        this.nextOffset = nextOffset;
    }

    static LogSlice empty(long nextOffset) {
        return new LogSlice(null, 0, 0, nextOffset, nextOffset);
    }

    public boolean isEmpty() {
        return sizeInBytes == 0;
    }

    /** The file holding the batches (null when empty). */
    public FileChannel channel() {
        return channel;
    }

    /** Byte position of the first batch in {@link #channel()}. */
    public long position() {
        return position;
    }

    public int sizeInBytes() {
        return sizeInBytes;
    }

    /** Base offset of the first batch (it may start before the offset asked for). */
    public long firstOffset() {
        return firstOffset;
    }

    /** The offset after the last batch: where the next read continues. */
    public long nextOffset() {
        return nextOffset;
    }

    /**
     * Sends the region to {@code target}, without copying where the OS allows.
     *
     * @return bytes sent: all of them for a blocking target; a non-blocking one may take fewer
     */
    public long transferTo(WritableByteChannel target) {
        long done = 0;
        try {
            while (done < sizeInBytes) {
                long sent = channel.transferTo(position + done, sizeInBytes - done, target);
                if (sent <= 0) {
                    return done;
                }
                done += sent;
            }
            return done;
        } catch (ClosedChannelException e) {
            throw new LogClosedException("segment was closed during the read");
        } catch (IOException e) {
            throw new LogStorageException("sending a log slice failed", e);
        }
    }

    /** Copies the whole region into {@code target} (which needs that much room). */
    public void readInto(ByteBuffer target) {
        if (target.remaining() < sizeInBytes) {
            throw new InvalidArgumentException("buffer has " + target.remaining() + " bytes, the slice " + sizeInBytes);
        }
        ByteBuffer window = target.slice().limit(sizeInBytes);
        try {
            while (window.hasRemaining()) {
                if (channel.read(window, position + window.position()) < 0) {
                    throw new LogStorageException("log file ended inside a slice");
                }
            }
        } catch (ClosedChannelException e) {
            throw new LogClosedException("segment was closed during the read");
        } catch (IOException e) {
            throw new LogStorageException("reading a log slice failed", e);
        }
        target.position(target.position() + sizeInBytes);
    }

    /** The region copied into a new heap buffer, position 0. */
    public ByteBuffer toByteBuffer() {
        ByteBuffer copy = ByteBuffer.allocate(sizeInBytes);
        if (sizeInBytes > 0) {
            readInto(copy);
        }
        return copy.flip();
    }
}
