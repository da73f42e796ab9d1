package dev.streamlog.gateway.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a byte stream of concatenated JSON objects (whitespace between them allowed) into whole objects, as the bytes
 * come, without parsing them: it follows only braces, brackets and strings (with their escapes), so an object ends
 * where its braces balance outside strings. Each object is then parsed on its own ({@link RecordStreamReader}), and
 * an object that is not valid JSON inside is refused alone. The stream cannot go on past a value that is not an
 * object, or an object larger than the limit: the framer then {@link #failure() fails} and takes nothing more.
 * Works for UTF-8 and one-byte charsets, whose punctuation bytes never occur inside other characters.
 *
 * <p>Not thread-safe: one stream's reader feeds it.
 */
public final class ObjectFramer {

    /** The buffer for an object begun, as it starts. */
    private static final int SMALL = 256;

    private final int maxObjectBytes;
    /** The object begun but not ended yet: its bytes so far (at most the limit). */
    private byte[] partial = new byte[SMALL];
    private int partialLength;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private long objects;
    private String failure;

    /** @param maxObjectBytes the largest object accepted, in bytes */
    public ObjectFramer(int maxObjectBytes) {
        this.maxObjectBytes = maxObjectBytes;
    }

    /**
     * Takes the next bytes of the stream and returns the objects they end, each as its own bytes, in order; after a
     * failure, none.
     */
    public List<byte[]> feed(byte[] bytes, int offset, int length) {
        List<byte[]> ended = new ArrayList<>();
        int start = depth > 0 ? offset : -1;
        for (int i = offset; i < offset + length && failure == null; i++) {
            byte b = bytes[i];
            if (depth == 0) {
                if (b == '{') {
                    depth = 1;
                    start = i;
                } else if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    failure = "record " + objects + " is not a JSON object (it starts with '" + (char) (b & 0xff)
                            + "'); the stream ends there";
                }
                continue;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
            }
            if (partialLength + (i + 1 - start) > maxObjectBytes) {
                failure = "record " + objects + " is larger than " + maxObjectBytes
                        + " bytes (streamlog.gateway.max-request-size); the stream ends there";
            } else if (depth == 0) {
                ended.add(take(bytes, start, i + 1));
                start = -1;
            }
        }
        if (failure == null && depth > 0 && start >= 0) {
            keep(bytes, start, offset + length);
        }
        return ended;
    }

    /** Whether an object has begun and not ended: at the end of the stream, the body ends inside a record. */
    public boolean inObject() {
        return depth > 0;
    }

    /** The bytes the framer's buffer holds now (it grows with an object begun, and shrinks once that ended). */
    public int buffered() {
        return partial.length;
    }

    /** How many objects ended so far. */
    public long objects() {
        return objects;
    }

    /** Why the stream cannot go on, or null. */
    public String failure() {
        return failure;
    }

    /**
     * The object that ends at {@code end}: what was kept of it and {@code bytes[start, end)}. A buffer grown for a
     * large object is let go once that object ended.
     */
    private byte[] take(byte[] bytes, int start, int end) {
        byte[] object = Arrays.copyOf(partial, partialLength + end - start);
        System.arraycopy(bytes, start, object, partialLength, end - start);
        partialLength = 0;
        if (partial.length > SMALL) {
            partial = new byte[SMALL];
        }
        objects++;
        return object;
    }

    private void keep(byte[] bytes, int start, int end) {
        int needed = partialLength + end - start;
        if (needed > partial.length) {
            partial = Arrays.copyOf(partial, Math.min(Math.max(needed, partial.length * 2), maxObjectBytes));
        }
        System.arraycopy(bytes, start, partial, partialLength, end - start);
        partialLength = needed;
    }
}
