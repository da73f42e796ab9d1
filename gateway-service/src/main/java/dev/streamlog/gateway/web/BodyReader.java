package dev.streamlog.gateway.web;

import dev.streamlog.model.ErrorCode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the rest of one body with the servlet container's non-blocking reads, as its bytes arrive (no thread waits
 * meanwhile), then has the container dispatch the request again with the body in memory; or answers why it will
 * not: past the size cap or the request memory (413, 429), a stall for the connection timeout or no whole body
 * within the body read timeout (408), a body the container cannot decode (400). A client that went away gets no
 * answer. See {@link RequestBodyFilter}.
 *
 * <p>Thread-safe: the container's read callbacks and its timeout and error callbacks are serialized by one lock,
 * and whichever ends the body first wins.
 */
final class BodyReader implements ReadListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(BodyReader.class);

    private final AsyncContext async;
    private final ServletInputStream in;
    private final BodyChunks chunks;
    private final Duration readTimeout;
    private final ErrorAnswers answers;
    private final long started = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean finished;

    /** Writes an error answer (and closes the connection); the body filter's. */
    @FunctionalInterface
    interface ErrorAnswers {
        void answer(AsyncContext async, ErrorCode code, String message) throws IOException;
    }

    BodyReader(AsyncContext async, ServletInputStream in, BodyChunks chunks, Duration readTimeout,
               ErrorAnswers answers) {
        this.async = async;
        this.in = in;
        this.chunks = chunks;
        this.readTimeout = readTimeout;
        this.answers = answers;
    }

    @Override
    public void onDataAvailable() throws IOException {
        lock.lock();
        try {
            while (!finished && in.isReady()) {
                if (chunks.readOnce(in) < 0) {
                    return;
                }
            }
        } catch (ApiException refused) {
            answer(refused.errorCode(), refused.getMessage());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onAllDataRead() {
        lock.lock();
        try {
            if (finished) {
                return;
            }
            finished = true;
            async.getRequest().setAttribute(RequestBodyFilter.STATE_ATTRIBUTE, chunks.body());
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
     * The container's error callback, which comes first when a read fails: answering here (and so completing) keeps
     * the container from dispatching the request to its error page as well.
     */
    @Override
    public void onError(AsyncEvent event) {
        failed(event.getThrowable());
    }

    /**
     * A read failed: the connection's read timeout (no byte for {@code server.tomcat.connection-timeout}) is answered
     * 408; a client that went away ({@link EOFException}) gets no answer (its request is counted as a 400 in the
     * request metrics); any other failure is a body the container
     * could not decode (a bad chunk, say) and is answered 400. Once per body, whichever callback comes first.
     */
    private void failed(Throwable failure) {
        lock.lock();
        try {
            if (finished) {
                return;
            }
            log.debug("event=request-body-unread bytes={} error={}", chunks.total(), String.valueOf(failure));
            if (failure instanceof SocketTimeoutException) {
                answer(ErrorCode.REQUEST_TIMEOUT, "the request body stalled: no byte came for longer than the"
                        + " connection timeout (server.tomcat.connection-timeout) after " + chunks.total() + " bytes");
            } else if (failure instanceof EOFException || failure == null) {
                finished = true;
                async.getRequest().setAttribute(ErrorResponses.ERROR_CODE_ATTRIBUTE, ErrorCode.BAD_REQUEST.code());
                ((HttpServletResponse) async.getResponse()).setStatus(ErrorCode.BAD_REQUEST.httpStatus());
                async.complete();
            } else {
                answer(ErrorCode.BAD_REQUEST, "the request body could not be read after " + chunks.total()
                        + " bytes: " + failure.getMessage());
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
                        + " (streamlog.gateway.body-read-timeout): " + chunks.total() + " bytes came in "
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
            answers.answer(async, code, message);
        } finally {
            async.complete();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
