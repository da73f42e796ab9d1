package dev.streamlog.storage.web;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.support.web.AsyncAnswers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * This node's answers written straight from a future ({@link AsyncAnswers}): JSON values as {@code application/json},
 * failures with the error body {@link ApiExceptionHandler} gives any request, and 503 {@code RETRIABLE} for a
 * result not there within {@code spring.mvc.async.request-timeout} (every caller's own wait is shorter).
 * Thread-safe.
 */
@Component
public class StorageAnswers extends AsyncAnswers {

    private final JsonMapper json;

    public StorageAnswers(JsonMapper json, @Value("${spring.mvc.async.request-timeout:60s}") Duration timeout) {
        super(timeout);
        this.json = json;
    }

    /** Answers with {@code result} as JSON (200) once it completes. */
    public <T> void json(HttpServletRequest request, HttpServletResponse response, CompletableFuture<T> result) {
        answer(request, response, result, (value, out) -> writeJson(out, HttpServletResponse.SC_OK, value));
    }

    @Override
    protected void writeFailure(HttpServletRequest request, HttpServletResponse response, Throwable failure)
            throws IOException {
        writeError(response, ApiExceptionHandler.toResponse(failure));
    }

    @Override
    protected void writeTimeout(HttpServletRequest request, HttpServletResponse response, Duration timeout)
            throws IOException {
        writeError(response, ApiExceptionHandler.error(ErrorCode.RETRIABLE, "no answer within " + timeout));
    }

    private void writeError(HttpServletResponse response, ResponseEntity<Object> error) throws IOException {
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
}
