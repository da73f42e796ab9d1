package dev.streamlog.gateway.web;

import dev.streamlog.model.ErrorCode;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A request body being buffered: chunks that grow with what has come (from {@link #FIRST_CHUNK} to
 * {@link #LARGEST_CHUNK}, so a body that trickles in holds little), each taken from the request's share of the
 * {@link RequestMemory} ({@link #BODY_FACTOR} times its size, for what is decoded and encoded from it) before it is
 * allocated, never sized from the declared length alone. No read goes more than one byte past the size cap.
 * Not thread-safe (its reader serializes the calls).
 */
final class BodyChunks {

    /** How much of the pool one byte of body takes: the bytes, what is decoded from them, what is encoded. */
    static final int BODY_FACTOR = 3;
    private static final int FIRST_CHUNK = 1024;
    private static final int LARGEST_CHUNK = 64 * 1024;

    private final long declared;
    private final long maxRequestSize;
    private final RequestMemory.Reservation reservation;
    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] chunk;
    private int filled;
    private long total;

    /**
     * @param declared       the {@code Content-Length}, or -1 for a chunked body
     * @param maxRequestSize the size cap
     * @param reservation    the request's share of the request memory
     */
    BodyChunks(long declared, long maxRequestSize, RequestMemory.Reservation reservation) {
        this.declared = declared;
        this.maxRequestSize = maxRequestSize;
        this.reservation = reservation;
    }

    /**
     * Reads once from {@code in} into the current chunk (a new one first when it is full).
     *
     * @return the bytes read, -1 at the end of the body
     * @throws ApiException 413 past the size cap or past the whole request memory, 429 when the memory has no room
     *                      now
     */
    int readOnce(ServletInputStream in) throws IOException {
        if (chunk == null || filled == chunk.length) {
            nextChunk();
        }
        int read = in.read(chunk, filled, chunk.length - filled);
        if (read > 0) {
            filled += read;
            total += read;
            if (total > maxRequestSize) {
                throw new ApiException(ErrorCode.TOO_LARGE, tooLarge(maxRequestSize, "more than " + maxRequestSize
                        + " bytes"));
            }
        }
        return read;
    }

    private void nextChunk() {
        if (chunk != null) {
            chunks.add(chunk);
        }
        long size = Math.min(LARGEST_CHUNK, Math.max(FIRST_CHUNK, total));
        if (declared >= 0) {
            size = Math.max(1, Math.min(size, declared - total));
        } else {
            size = Math.min(size, maxRequestSize + 1 - total);
        }
        reservation.require(size * BODY_FACTOR);
        chunk = new byte[(int) size];
        filled = 0;
    }

    /** Whether every declared byte has come (never for a chunked body: its end is the stream's). */
    boolean complete() {
        return declared >= 0 && total == declared;
    }

    long total() {
        return total;
    }

    /** The body read so far, as a whole. */
    BufferedRequest.Body body() {
        List<byte[]> all = new ArrayList<>(chunks);
        if (chunk != null && filled > 0) {
            all.add(filled == chunk.length ? chunk : Arrays.copyOf(chunk, filled));
        }
        return new BufferedRequest.Body(all, total);
    }

    /** The message of a 413 for a body of {@code size}. */
    static String tooLarge(long maxRequestSize, String size) {
        return "the request body has " + size + "; the limit is " + maxRequestSize
                + " bytes (streamlog.gateway.max-request-size)";
    }
}
