package dev.streamlog.storage.log.io;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedFile;

/**
 * One index file mapped into memory with Chronicle Bytes: fixed-width big-endian ints and
 * longs at absolute byte offsets, whatever the host's byte order. This class is the only owner of its mapping and the only
 * place outside this package's tests that touches Chronicle.
 *
 * <p>A writable file is mapped at a preallocated length (the file grows to it, zero-filled);
 * {@link #remap} trims it to the bytes in use (or grows it back) by dropping the mapping,
 * setting the file length and mapping again. A read-only mapping never changes the file.
 *
 * <p>Thread-safety: {@link #readInt}/{@link #readLong} may run on any thread concurrently
 * with writes; making written bytes visible to readers (e.g. through a volatile entry count)
 * is the caller's job. {@link #remap}, {@link #renameTo} and {@link #close} must not run
 * while any other thread reads: the caller guards them with its own lock.
 */
public final class MappedIndexFile implements AutoCloseable {

    /** Chronicle reads and writes in native order; the files are big-endian on every host. */
    private static final boolean SWAP = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private Path path;
    private MappedBytes bytes;
    private long length;
    private boolean writable;

    private MappedIndexFile(Path path) {
        this.path = path;
    }

    /**
     * Maps a file for reading and writing at {@code length} bytes, creating it or growing it
     * with zeros as needed (a longer file is cut to {@code length}).
     */
    public static MappedIndexFile openWritable(Path path, long length) throws IOException {
        MappedIndexFile file = new MappedIndexFile(path);
        file.map(length, true);
        return file;
    }

    /** Maps an existing file read-only at its current length. */
    public static MappedIndexFile openReadOnly(Path path) throws IOException {
        MappedIndexFile file = new MappedIndexFile(path);
        file.map(Files.size(path), false);
        return file;
    }

    /** The mapped length in bytes, equal to the file's length. */
    public long length() {
        return length;
    }

    public boolean isWritable() {
        return writable;
    }

    public Path path() {
        return path;
    }

    public int readInt(long offset) {
        checkBounds(offset, Integer.BYTES);
        int raw = bytes.readInt(offset);
        return SWAP ? Integer.reverseBytes(raw) : raw;
    }

    public long readLong(long offset) {
        checkBounds(offset, Long.BYTES);
        long raw = bytes.readLong(offset);
        return SWAP ? Long.reverseBytes(raw) : raw;
    }

    public void writeInt(long offset, int value) {
        checkWritable(offset, Integer.BYTES);
        bytes.writeInt(offset, SWAP ? Integer.reverseBytes(value) : value);
    }

    public void writeLong(long offset, long value) {
        checkWritable(offset, Long.BYTES);
        bytes.writeLong(offset, SWAP ? Long.reverseBytes(value) : value);
    }

    /**
     * Writes the file's dirty pages and metadata to the device with fsync on a channel of its
     * own; on Linux the page cache is shared with the mapping, so this covers what was
     * written through it.
     */
    public void force() throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Drops the mapping, sets the file to {@code newLength} bytes and maps it again. */
    public void remap(long newLength, boolean writable) throws IOException {
        release();
        map(newLength, writable);
    }

    /** Renames the file; the mapping stays valid. */
    public void renameTo(Path target) throws IOException {
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        path = target;
    }

    /** Drops the mapping; the file stays. Idempotent. */
    @Override
    public void close() {
        release();
    }

    private void map(long newLength, boolean forWriting) throws IOException {
        File file = path.toFile();
        setFileLength(file, newLength);
        if (newLength == 0) {
            bytes = null;
        } else {
            bytes = forWriting ? MappedBytes.singleMappedBytes(file, newLength) : MappedBytes.readOnly(file);
            bytes.singleThreadedCheckDisabled(true);
            // Chronicle rounds a writable mapping up to whole pages and may grow the file with it.
            setFileLength(file, newLength);
        }
        length = newLength;
        writable = forWriting;
    }

    private static void setFileLength(File file, long newLength) throws IOException {
        if (file.length() != newLength) {
            try (RandomAccessFile raf = new RandomAccessFile(file, "rw")) {
                raf.setLength(newLength);
            }
        }
    }

    private void release() {
        if (bytes != null) {
            MappedFile mappedFile = bytes.mappedFile();
            BytesStore<?, ?> store = bytes.bytesStore();
            bytes.releaseLast();
            // A single mapping's file keeps its own reservation of the mapped memory (unless
            // mappedFile.retain is set); drop it too, or the region stays mapped after close.
            if (store != null && store.refCount() > 0) {
                store.release(mappedFile);
            }
            bytes = null;
        }
        length = 0;
    }

    private void checkBounds(long offset, int size) {
        if (offset < 0 || offset + size > length) {
            throw new IndexOutOfBoundsException("index file " + path + ": " + size + " bytes at " + offset
                    + " are outside its " + length + " bytes");
        }
    }

    private void checkWritable(long offset, int size) {
        checkBounds(offset, size);
        if (!writable) {
            throw new IllegalStateException("index file " + path + " is mapped read-only");
        }
    }
}
