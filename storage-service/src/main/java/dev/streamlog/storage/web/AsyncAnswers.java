package dev.streamlog.storage.web;

import dev.streamlog.model.ErrorCode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a request whose result comes later (a long poll, an acks=all append) with the servlet
 * container's async support directly. A controller returning a {@code CompletableFuture} costs
 * a second pass through the filters and Spring MVC's dispatcher for every answer; on the
 * replication path, where every produced batch ends one parked fetch per follower, that pass is
 * paid for every batch and every follower.
 *
 * <p>A controller method takes the {@link HttpServletRequest} and {@link HttpServletResponse},
 * checks its arguments (failures before this point take the usual exception path), and hands
 * over the future. A result already complete is written at once on the request's thread; a
 * later one on a container worker thread. A failed result gets the same error body as any
 * other request ({@link ApiExceptionHandler}), a writer that fails before anything was sent a
 * 500. If
 * the result is not there within {@code spring.mvc.async.request-timeout} the answer is 503
 * {@code RETRIABLE}; every caller's own wait is shorter.
 *
 * <p>Thread-safe. Per request, one lock orders the writer with the container's timeout and
 * error callbacks, so whichever comes first answers and nothing touches the response after the
 * container took it back.
 */
@Component
public class AsyncAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncAnswers.class);

    private final JsonMapper json;
    private final Duration timeout;

    public AsyncAnswers(JsonMapper json, @Value("${spring.mvc.async.request-timeout:60s}") Duration timeout) {
        this.json = json;
        this.timeout = timeout;
    }

    /** Writes one value of an answer: status, headers and body. */
    @FunctionalInterface
    public interface BodyWriter<T> {
        void write(T value, HttpServletResponse response) throws IOException;
    }

    /** Answers with {@code result} as JSON (200) once it completes. */
    public <T> void json(HttpServletRequest request, HttpServletResponse response, CompletableFuture<T> result) {
        answer(request, response, result, (value, out) -> writeJson(out, HttpServletResponse.SC_OK, value));
    }

    /** Answers through {@code writer} once {@code result} completes; a failure gets the platform's error body. */
    public <T> void answer(HttpServletRequest request, HttpServletResponse response, CompletableFuture<T> result,
                           BodyWriter<T> writer) {
        if (result.isDone()) {
            write(response, result, writer);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeout.toMillis());
        Answer<T> answer = new Answer<>(async, response, writer);
        async.addListener(answer);
        result.whenComplete((value, error) -> answer.completeOnContainerThread(result));
    }

    private <T> void write(HttpServletResponse response, CompletableFuture<T> result, BodyWriter<T> writer) {
        try {
            T value;
            try {
                value = result.join();
            } catch (RuntimeException failure) {
                writeError(response, ApiExceptionHandler.toResponse(failure));
                return;
            }
            writer.write(value, response);
        } catch (IOException e) {
            LOG.debug("event=answer-not-written error={}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("event=answer-failed", e);
            if (!response.isCommitted()) {
                try {
                    writeError(response, ApiExceptionHandler.error(ErrorCode.INTERNAL_ERROR,
                            "internal error: " + e.getClass().getSimpleName()));
                } catch (IOException | RuntimeException again) {
                    LOG.debug("event=answer-not-written error={}", again.toString());
                }
            }
        }
    }

    private void writeError(HttpServletResponse response, ResponseEntity<Object> error) throws IOException {
        response.reset();
        writeJson(response, error.getStatusCode().value(), error.getBody());
    }

    private void writeJson(HttpServletResponse response, int status, Object value) throws IOException {
        byte[] body = json.writeValueAsBytes(value);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        try (OutputStream stream = response.getOutputStream()) {
            stream.write(body);
        }
    }

    /** One parked request: answered once, by the result or by the container's timeout or error. */
    private final class Answer<T> implements AsyncListener {

        private final AsyncContext async;
        private final HttpServletResponse response;
        private final BodyWriter<T> writer;
        private final ReentrantLock lock = new ReentrantLock();
        private boolean answered;

        Answer(AsyncContext async, HttpServletResponse response, BodyWriter<T> writer) {
            this.async = async;
            this.response = response;
            this.writer = writer;
        }

        /**
         * Writes on one of the container's worker threads ({@link AsyncContext#start}), not on the
         * thread that completed the result: that is a small shared pool (the offset waiters), and
         * a blocking write to a client that stopped reading must not hold it.
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
                write(response, result, writer);
                async.complete();
            } catch (IllegalStateException alreadyCompleted) {
                LOG.debug("event=answer-after-completion");
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            giveUp(ApiExceptionHandler.error(ErrorCode.RETRIABLE, "no answer within " + timeout));
        }

        @Override
        public void onError(AsyncEvent event) {
            giveUp(null);
        }

        private void giveUp(ResponseEntity<Object> error) {
            lock.lock();
            try {
                if (answered) {
                    return;
                }
                answered = true;
                if (error != null) {
                    writeError(response, error);
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
