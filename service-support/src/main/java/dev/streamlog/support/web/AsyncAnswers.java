package dev.streamlog.support.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request whose result comes later (a long poll, an acks=all append) with the servlet
 * container's async support directly. A controller returning a {@code CompletableFuture} costs
 * a second pass through the filters and Spring MVC's dispatcher for every answer; on a hot path
 * (every produce, every replicated batch) that pass is paid for every request.
 *
 * <p>A controller method takes the {@link HttpServletRequest} and {@link HttpServletResponse},
 * checks its arguments (failures before this point take the usual exception path), and hands
 * over the future. A result already complete is written at once on the request's thread; a
 * later one on a container worker thread. A failed result, or one not there within the
 * timeout, gets the service's own error answer ({@link #writeFailure}, {@link #writeTimeout}),
 * a writer that fails before anything was sent a 500 (through {@link #writeFailure}). Each
 * service subclasses this with its error bodies.
 *
 * <p>Thread-safe. Per request, one lock orders the writer with the container's timeout and
 * error callbacks, so whichever comes first answers and nothing touches the response after the
 * container took it back.
 */
public abstract class AsyncAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncAnswers.class);

    private final Duration timeout;

    /** @param timeout how long a request may wait for its result; then it gets {@link #writeTimeout} */
    protected AsyncAnswers(Duration timeout) {
        this.timeout = timeout;
    }

    /** Writes one value of an answer: status, headers and body. */
    @FunctionalInterface
    public interface BodyWriter<T> {
        void write(T value, HttpServletResponse response) throws IOException;
    }

    /** Answers through {@code writer} once {@code result} completes; a failure gets the service's error answer. */
    public <T> void answer(HttpServletRequest request, HttpServletResponse response, CompletableFuture<T> result,
                           BodyWriter<T> writer) {
        if (result.isDone()) {
            write(request, response, result, writer);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeout.toMillis());
        Answer<T> answer = new Answer<>(async, request, response, writer);
        async.addListener(answer);
        result.whenComplete((value, error) -> answer.completeOnContainerThread(result));
    }

    /**
     * Writes the error answer for {@code failure} (as the result's future gives it, possibly wrapped in a
     * {@link java.util.concurrent.CompletionException}) to a response reset for it.
     */
    protected abstract void writeFailure(HttpServletRequest request, HttpServletResponse response, Throwable failure)
            throws IOException;

    /** Writes the answer for a result not there within {@code timeout}. */
    protected abstract void writeTimeout(HttpServletRequest request, HttpServletResponse response, Duration timeout)
            throws IOException;

    private <T> void write(HttpServletRequest request, HttpServletResponse response, CompletableFuture<T> result,
                           BodyWriter<T> writer) {
        try {
            T value;
            try {
                value = result.join();
            } catch (RuntimeException failure) {
                response.reset();
                writeFailure(request, response, failure);
                return;
            }
            writer.write(value, response);
        } catch (IOException e) {
            LOG.debug("event=answer-not-written error={}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("event=answer-failed", e);
            if (!response.isCommitted()) {
                try {
                    response.reset();
                    writeFailure(request, response, e);
                } catch (IOException | RuntimeException again) {
                    LOG.debug("event=answer-not-written error={}", again.toString());
                }
            }
        }
    }

    /** One parked request: answered once, by the result or by the container's timeout or error. */
    private final class Answer<T> implements AsyncListener {

        private final AsyncContext async;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final BodyWriter<T> writer;
        private final ReentrantLock lock = new ReentrantLock();
        private boolean answered;

        Answer(AsyncContext async, HttpServletRequest request, HttpServletResponse response, BodyWriter<T> writer) {
            this.async = async;
            this.request = request;
            this.response = response;
            this.writer = writer;
        }

        /**
         * Writes on one of the container's worker threads ({@link AsyncContext#start}), not on the
         * thread that completed the result: that may be a small shared pool (offset waiters, an
         * HTTP client's), and a blocking write to a client that stopped reading must not hold it.
         */
        void completeOnContainerThread(CompletableFuture<T> result) {
            try {
                async.start(() -> complete(result));
            } catch (IllegalStateException containerDone) {
                LOG.debug("event=answer-after-completion");
            }
        }

        private void complete(CompletableFuture<T> result) {
            lock.lock();
            try {
                if (answered) {
                    return;
                }
                answered = true;
                write(request, response, result, writer);
                async.complete();
            } catch (IllegalStateException alreadyCompleted) {
                LOG.debug("event=answer-after-completion");
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            giveUp(true);
        }

        @Override
        public void onError(AsyncEvent event) {
            giveUp(false);
        }

        private void giveUp(boolean timedOut) {
            lock.lock();
            try {
                if (answered) {
                    return;
                }
                answered = true;
                if (timedOut) {
                    response.reset();
                    writeTimeout(request, response, timeout);
                }
                async.complete();
            } catch (IOException | RuntimeException e) {
                LOG.debug("event=answer-not-written error={}", e.toString());
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            lock.lock();
            try {
                answered = true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
