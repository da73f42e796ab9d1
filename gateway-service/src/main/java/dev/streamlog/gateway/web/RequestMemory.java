package dev.streamlog.gateway.web;

import dev.streamlog.model.ErrorCode;
import jakarta.servlet.ServletRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that the requests in progress may hold for their bodies and for what is decoded from them, shared by
 * all requests (Kafka's {@code queued.max.request.bytes}, always on): each request takes its share from the pool
 * as the bytes arrive or are decoded, before allocating for them, and gives all of it back when its answer is
 * complete and the work it started is done. A request that would pass the pool is answered 429/42901
 * ({@link #refusal}), or 413/41301 if it alone would need more than the whole pool; the ones in progress go on. So a few hundred large or slow bodies cannot exhaust the heap, whatever each of them may hold on its own.
 *
 * <p>Thread-safe: the pool is one atomic counter; a {@link Reservation} may be used from any thread.
 */
public final class RequestMemory {

    /** The request attribute holding the request's {@link Reservation}. */
    static final String RESERVATION_ATTRIBUTE = RequestMemory.class.getName() + ".reservation";

    /** The share of requests that came without one: from a pool that never runs out. */
    private static final Reservation UNLIMITED = new RequestMemory(Long.MAX_VALUE).reserve();

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    /** @param capacity bytes all requests in progress may hold together */
    public RequestMemory(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("the request memory must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Bytes held by the requests in progress now. */
    public long used() {
        return used.get();
    }

    /** A new, empty share for one request. */
    public Reservation reserve() {
        return new Reservation();
    }

    /**
     * The share of the request, or an unlimited stand-in for a request that came without one (a test's mock
     * request, which the body filter did not see).
     */
    public static Reservation of(ServletRequest request) {
        return request.getAttribute(RESERVATION_ATTRIBUTE) instanceof Reservation reservation ? reservation
                : UNLIMITED;
    }

    /** The answer to a request that would pass the pool. */
    public ApiException refusal() {
        return new ApiException(ErrorCode.TOO_MANY_REQUESTS, "the gateway holds too many request"
                + " bytes in progress (streamlog.gateway.request-memory, " + capacity + " bytes); retry shortly");
    }

    private boolean take(long bytes) {
        while (true) {
            long now = used.get();
            if (bytes > capacity - now) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /**
     * One request's share of the pool. It is given back once every holder let go: the request (when its answer is
     * complete) and any work the request left running ({@link #holdUntil}).
     */
    public class Reservation {

        private final AtomicLong held = new AtomicLong();
        private final AtomicInteger holders = new AtomicInteger(1);

        /** Adds {@code bytes} to the share if the pool has them; false (nothing taken) otherwise. */
        public boolean take(long bytes) {
            if (bytes <= 0) {
                return true;
            }
            if (!RequestMemory.this.take(bytes)) {
                return false;
            }
            held.addAndGet(bytes);
            if (holders.get() == 0) {
                giveBack();
            }
            return true;
        }

        /**
         * Like {@link #take}, but throws when the pool does not have the bytes: 429 ({@link #refusal()}) if they
         * may be there later, 413 if this request would need more than the whole pool.
         */
        public void require(long bytes) {
            if (!take(bytes)) {
                throw refusalFor(bytes);
            }
        }

        /** Why {@code bytes} more cannot be taken: 413 past the whole pool, else 429. */
        private ApiException refusalFor(long bytes) {
            if (held.get() + bytes > capacity) {
                return new ApiException(ErrorCode.TOO_LARGE, "the request needs more memory than the gateway has for"
                        + " all requests in progress (streamlog.gateway.request-memory, " + capacity + " bytes)");
            }
            return refusal();
        }

        /** Gives {@code bytes} of the share back to the pool early (at most what the share holds). */
        public void giveBack(long bytes) {
            while (true) {
                long now = held.get();
                long given = Math.min(bytes, now);
                if (held.compareAndSet(now, now - given)) {
                    used.addAndGet(-given);
                    return;
                }
            }
        }

        /** Keeps the share until {@code work} is done too, also if the request's answer is complete before. */
        public void holdUntil(CompletableFuture<?> work) {
            holders.incrementAndGet();
            work.whenComplete((result, error) -> release());
        }

        /** Lets go of the share for one holder; the last one gives it back to the pool. */
        public void release() {
            if (holders.decrementAndGet() == 0) {
                giveBack();
            }
        }

        private void giveBack() {
            used.addAndGet(-held.getAndSet(0));
        }
    }
}
