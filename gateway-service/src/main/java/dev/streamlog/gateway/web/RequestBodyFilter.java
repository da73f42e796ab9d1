package dev.streamlog.gateway.web;

import dev.streamlog.model.ErrorCode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every request body whole before the request is served, with the servlet container's non-blocking reads:
 * no thread waits while the bytes come, so slow or stalled uploads cost a connection and the bytes they sent, never
 * a worker thread the other requests need. Then the request is dispatched again (an async dispatch of the same
 * URI) with the body in memory ({@link BufferedRequest}), and served as if it had just arrived.
 *
 * <p>Bounds, each answered with a JSON error and {@code Connection: close} (the rest of the body is not read):
 * <ul>
 *   <li>a {@code Content-Length} over {@code max-request-size}: 413/41301 at once; a chunked body that grows past
 *       it: 413/41301 when it does;</li>
 *   <li>the body's bytes (three times, for what is decoded and encoded from them) are taken from the
 *       {@link RequestMemory} as they arrive, before they are buffered: a body the pool cannot hold gets
 *       429/42901. Nothing is allocated or taken from the declared length: buffers grow by chunks as bytes
 *       come;</li>
 *   <li>a body that stalls (no byte for the connection timeout) or has not arrived whole within
 *       {@code body-read-timeout} of the request: 408/40801.</li>
 * </ul>
 * The request's {@link RequestMemory.Reservation} (a request attribute) is given back once its answer is complete.
 * Requests without a body pass straight through. Registered for request and async dispatches; later dispatches of
 * a request (Spring MVC's own async dispatch of a future's result) pass through with the buffered body.
 *
 * <p>Thread-safe: one instance serves all requests; each body's reader is used by the container's callbacks,
 * serialized by a lock of its own.
 */
public final class RequestBodyFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyFilter.class);

    /** The request attribute holding the {@link BufferedRequest.Body} once read, then {@link #DISPATCHED}. */
    static final String STATE_ATTRIBUTE = RequestBodyFilter.class.getName() + ".state";
    private static final String DISPATCHED = "dispatched";
    /** How much of the pool one byte of body takes: the bytes, what is decoded from them, what is encoded. */
    static final int BODY_FACTOR = 3;
    private static final int FIRST_CHUNK = 1024;
    private static final int LARGEST_CHUNK = 64 * 1024;

    private final long maxRequestSize;
    private final Duration readTimeout;
    private final RequestMemory memory;
    private final JsonMapper json;

    /**
     * @param maxRequestSize the largest body accepted
     * @param readTimeout    how long a body may take to arrive
     * @param memory         the pool bodies are taken from
     * @param json           writes the error answers
     */
    public RequestBodyFilter(long maxRequestSize, Duration readTimeout, RequestMemory memory, JsonMapper json) {
        this.maxRequestSize = maxRequestSize;
        this.readTimeout = readTimeout;
        this.memory = memory;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        Object state = request.getAttribute(STATE_ATTRIBUTE);
        if (state instanceof BufferedRequest.Body body) {
            request.setAttribute(STATE_ATTRIBUTE, DISPATCHED);
            BufferedRequest buffered = new BufferedRequest(request, body);
            try {
                chain.doFilter(buffered, response);
            } finally {
                buffered.dispatched();
            }
            return;
        }
        if (state != null || !hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxRequestSize) {
            refuse(request, response, ErrorCode.TOO_LARGE, tooLarge(declared + " bytes"));
            return;
        }
        RequestMemory.Reservation reservation = memory.reserve();
        request.setAttribute(RequestMemory.RESERVATION_ATTRIBUTE, reservation);
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(readTimeout.toMillis());
        BodyReader reader = new BodyReader(async, request, response, reservation, declared);
        async.addListener(reader);
        request.getInputStream().setReadListener(reader);
    }

    /** Whether the request announces a body: a positive length, or chunks. */
    private static boolean hasBody(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        return length > 0 || (length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null);
    }

    private String tooLarge(String size) {
        return "the request body has " + size + "; the limit is " + maxRequestSize
                + " bytes (streamlog.gateway.max-request-size)";
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message)
            throws IOException {
        request.setAttribute(ErrorResponses.ERROR_CODE_ATTRIBUTE, code.code());
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CONNECTION, "close");
        if (code == ErrorCode.TOO_MANY_REQUESTS) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        json.writeValue(response.getOutputStream(), code.response(message));
    }

    /** Reads one body as its bytes arrive, then dispatches the request; or answers why it will not. */
    private final class BodyReader implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final RequestMemory.Reservation reservation;
        private final long declared;
        private final long started = System.nanoTime();
        private final List<byte[]> chunks = new ArrayList<>();
        private final ReentrantLock lock = new ReentrantLock();
        private final AtomicBoolean released = new AtomicBoolean();
        private byte[] chunk;
        private int filled;
        private long total;
        private boolean finished;

        BodyReader(AsyncContext async, HttpServletRequest request, HttpServletResponse response,
                   RequestMemory.Reservation reservation, long declared) {
            this.async = async;
            this.request = request;
            this.response = response;
            this.reservation = reservation;
            this.declared = declared;
        }

        @Override
        public void onDataAvailable() throws IOException {
            lock.lock();
            try {
                ServletInputStream in = request.getInputStream();
                while (!finished && in.isReady()) {
                    if (chunk == null || filled == chunk.length) {
                        if (!nextChunk()) {
                            return;
                        }
                    }
                    int read = in.read(chunk, filled, chunk.length - filled);
                    if (read < 0) {
                        return;
                    }
                    filled += read;
                    total += read;
                    if (total > maxRequestSize) {
                        answer(ErrorCode.TOO_LARGE, tooLarge("more than " + maxRequestSize + " bytes"));
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        /**
         * Starts a new chunk, taking its bytes from the pool first. Chunks grow with what has come (from
         * {@link #FIRST_CHUNK} to {@link #LARGEST_CHUNK}), so a body that trickles in holds little.
         */
        private boolean nextChunk() throws IOException {
            if (chunk != null) {
                chunks.add(chunk);
            }
            long size = Math.min(LARGEST_CHUNK, Math.max(FIRST_CHUNK, total));
            if (declared >= 0) {
                size = Math.max(1, Math.min(size, declared - total));
            }
            if (!reservation.take(size * BODY_FACTOR)) {
                ApiException refusal = reservation.refusalFor(size * BODY_FACTOR);
                answer(refusal.errorCode(), refusal.getMessage());
                return false;
            }
            chunk = new byte[(int) size];
            filled = 0;
            return true;
        }

        @Override
        public void onAllDataRead() {
            lock.lock();
            try {
                if (finished) {
                    return;
                }
                finished = true;
                if (chunk != null && filled > 0) {
                    chunks.add(filled == chunk.length ? chunk : Arrays.copyOf(chunk, filled));
                }
                request.setAttribute(STATE_ATTRIBUTE, new BufferedRequest.Body(chunks, total));
                async.dispatch();
            } finally {
                lock.unlock();
            }
        }

        /** The read failed: see {@link #failed}. */
        @Override
        public void onError(Throwable failure) {
            failed(failure);
        }

        /**
         * The container's error callback, which comes first when a read fails: answering here (and so completing)
         * keeps the container from dispatching the request to its error page as well.
         */
        @Override
        public void onError(AsyncEvent event) {
            failed(event.getThrowable());
        }

        /**
         * A read failed: the connection's read timeout (no byte for {@code server.tomcat.connection-timeout}) is
         * answered 408; a client that went away ({@link EOFException}) gets no answer; any other failure is a body
         * the container could not decode (a bad chunk, say) and is answered 400. Once per body, whichever callback
         * comes first.
         */
        private void failed(Throwable failure) {
            lock.lock();
            try {
                if (finished) {
                    return;
                }
                log.debug("event=request-body-unread bytes={} error={}", total, String.valueOf(failure));
                if (failure instanceof SocketTimeoutException) {
                    answer(ErrorCode.REQUEST_TIMEOUT, "the request body stalled: no byte came for longer than the"
                            + " connection timeout (server.tomcat.connection-timeout) after " + total + " bytes");
                } else if (failure instanceof EOFException || failure == null) {
                    finished = true;
                    async.complete();
                } else {
                    answer(ErrorCode.BAD_REQUEST, "the request body could not be read after " + total + " bytes: "
                            + failure.getMessage());
                }
            } catch (IOException | IllegalStateException e) {
                log.debug("event=request-body-answer-failed error={}", e.toString());
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            lock.lock();
            try {
                if (!finished) {
                    answer(ErrorCode.REQUEST_TIMEOUT, "the request body did not arrive within " + readTimeout
                            + " (streamlog.gateway.body-read-timeout): " + total + " bytes came in "
                            + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
                }
            } finally {
                lock.unlock();
            }
        }

        /** Answers the error and ends the request; the rest of the body is not read. */
        private void answer(ErrorCode code, String message) throws IOException {
            finished = true;
            try {
                if (!response.isCommitted()) {
                    refuse(request, response, code, message);
                }
            } finally {
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            if (released.compareAndSet(false, true)) {
                reservation.release();
            }
        }

        /** A later async cycle of the same request (Spring MVC's): keep following it to its end. */
        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
