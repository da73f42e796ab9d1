package dev.streamlog.gateway.web;

import dev.streamlog.model.ErrorCode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every request body whole before the request is served, without ever waiting for bytes on a thread: a body
 * with a {@code Content-Length} that the connection already holds is read at once (the common case: a client that
 * sends its headers and body together), and then the request is served on the spot; a body still on its way, and
 * every chunked body, is read with the servlet container's non-blocking reads ({@link BodyReader}), so slow or
 * stalled uploads cost a connection and the bytes they sent, never a worker thread the other requests need, and the
 * request is dispatched again (an async dispatch of the same URI) once it is whole. Either way it is served with the
 * body in memory ({@link BufferedRequest}).
 *
 * <p>Bounds, each answered with a JSON error and {@code Connection: close}; the rest of the body is not read, not even
 * to discard it ({@link UnreadBody#refuse}):
 * <ul>
 *   <li>a {@code Content-Length} over {@code max-request-size}: 413/41301 at once; a chunked body that grows past
 *       it: 413/41301 when it does;</li>
 *   <li>the body's bytes (three times, for what is decoded and encoded from them) are taken from the
 *       {@link RequestMemory} as they arrive, before they are buffered ({@link BodyChunks}): a body the pool cannot
 *       hold now gets 429/42901, one that alone needs more than the whole pool 413/41301. Nothing is allocated or
 *       taken from the declared length;</li>
 *   <li>a body that stalls (no byte for the connection timeout) or has not arrived whole within
 *       {@code body-read-timeout} of the request: 408/40801.</li>
 * </ul>
 * The request's {@link RequestMemory.Reservation} (a request attribute) is given back once its answer is complete
 * ({@link OnRequestComplete}). Requests without a body pass straight through, and so do those a {@link StreamedBody}
 * names, whose handlers read their bodies themselves. Registered for request and async
 * dispatches; later dispatches of a request (Spring MVC's own async dispatch of a future's result) pass through with
 * the buffered body.
 *
 * <p>Thread-safe: one instance serves all requests; each body's reader is its own.
 */
public final class RequestBodyFilter implements Filter {

    /** The request attribute holding the {@link BufferedRequest.Body} once read, then {@link #DISPATCHED}. */
    static final String STATE_ATTRIBUTE = RequestBodyFilter.class.getName() + ".state";
    private static final String DISPATCHED = "dispatched";

    private final long maxRequestSize;
    private final Duration readTimeout;
    private final RequestMemory memory;
    private final JsonMapper json;
    private final List<StreamedBody> streamed;

    /**
     * @param maxRequestSize the largest body accepted
     * @param readTimeout    how long a body may take to arrive
     * @param memory         the pool bodies are taken from
     * @param json           writes the error answers
     * @param streamed       the requests whose bodies pass unread, for their handlers to stream
     */
    public RequestBodyFilter(long maxRequestSize, Duration readTimeout, RequestMemory memory, JsonMapper json,
                             List<StreamedBody> streamed) {
        this.maxRequestSize = maxRequestSize;
        this.readTimeout = readTimeout;
        this.memory = memory;
        this.json = json;
        this.streamed = List.copyOf(streamed);
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        Object state = request.getAttribute(STATE_ATTRIBUTE);
        if (state instanceof BufferedRequest.Body body) {
            serve(request, response, chain, body);
            return;
        }
        if (state != null || !hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        for (StreamedBody kind : streamed) {
            if (kind.streams(request)) {
                request.setAttribute(STATE_ATTRIBUTE, DISPATCHED);
                chain.doFilter(request, response);
                return;
            }
        }
        long declared = request.getContentLengthLong();
        if (declared > maxRequestSize) {
            UnreadBody.refuse(request, response, json, ErrorCode.TOO_LARGE,
                    BodyChunks.tooLarge(maxRequestSize, declared + " bytes"));
            return;
        }
        RequestMemory.Reservation reservation = memory.reserve();
        request.setAttribute(RequestMemory.RESERVATION_ATTRIBUTE, reservation);
        OnRequestComplete release = new OnRequestComplete(reservation::release);
        BodyChunks chunks = new BodyChunks(declared, maxRequestSize, reservation);
        ServletInputStream in = request.getInputStream();
        try {
            while (declared > 0 && !chunks.complete() && in.available() > 0 && chunks.readOnce(in) >= 0) {
                // reads what the connection holds already
            }
        } catch (ApiException refused) {
            release.run();
            UnreadBody.refuse(request, response, json, refused.errorCode(), refused.getMessage());
            return;
        } catch (IOException | RuntimeException failed) {
            release.run();
            throw failed;
        }
        if (chunks.complete()) {
            try {
                serve(request, response, chain, chunks.body());
            } finally {
                if (request.isAsyncStarted()) {
                    request.getAsyncContext().addListener(release);
                } else {
                    release.run();
                }
            }
            return;
        }
        AsyncContext async;
        try {
            async = request.startAsync(request, response);
        } catch (IllegalStateException notAsync) {
            release.run();
            throw notAsync;
        }
        async.setTimeout(readTimeout.toMillis());
        async.addListener(release);
        BodyReader reader = new BodyReader(async, in, chunks, readTimeout, this::answer);
        async.addListener(reader);
        in.setReadListener(reader);
    }

    /** Serves the request with its whole body (on the spot, or in the dispatch the body reader asked for). */
    private static void serve(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                              BufferedRequest.Body body) throws IOException, ServletException {
        request.setAttribute(STATE_ATTRIBUTE, DISPATCHED);
        BufferedRequest buffered = new BufferedRequest(request, body);
        try {
            chain.doFilter(buffered, response);
        } finally {
            buffered.dispatched();
        }
    }

    /** Whether the request announces a body: a positive length, or chunks. */
    private static boolean hasBody(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        return length > 0 || (length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null);
    }

    /** The body reader's error answers: written unless the response went out already. */
    private void answer(AsyncContext async, ErrorCode code, String message) throws IOException {
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        if (!response.isCommitted()) {
            refuse((HttpServletRequest) async.getRequest(), response, code, message);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message)
            throws IOException {
        ErrorResponses.write(request, response, json, code, message);
    }
}
