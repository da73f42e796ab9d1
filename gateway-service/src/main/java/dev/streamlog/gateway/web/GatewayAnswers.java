package dev.streamlog.gateway.web;

import dev.streamlog.client.metadata.MetadataUnavailableException;
import dev.streamlog.gateway.config.GatewayProperties;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.ErrorResponse;
import dev.streamlog.support.web.AsyncAnswers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's answers written straight from a future ({@link AsyncAnswers}), for the hot routes (produce): an
 * entity's status, headers and JSON body in the media type the client negotiated ({@link AnswerMediaType}), as
 * Spring MVC would have written it, without its second pass through the filters and the dispatcher. An error body
 * is noted for the request metrics ({@link ErrorResponses#ERROR_CODE_ATTRIBUTE}). A failed future is answered as
 * {@code ApiExceptionHandler} answers the same exception ({@link ApiException} its code, metadata not loaded yet
 * 503/50003, anything else 500/50002, logged); a result not there within {@code async-request-timeout} 503/50003.
 * Thread-safe.
 */
@Component
public class GatewayAnswers extends AsyncAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayAnswers.class);

    private final JsonMapper json;

    GatewayAnswers(JsonMapper json, GatewayProperties properties) {
        super(properties.asyncRequestTimeout());
        this.json = json;
    }

    /** Answers with the entity {@code result} completes with. */
    public void entity(HttpServletRequest request, HttpServletResponse response,
                       CompletableFuture<? extends ResponseEntity<?>> result) {
        answer(request, response, result, (entity, out) -> write(request, out, entity));
    }

    @Override
    protected void writeFailure(HttpServletRequest request, HttpServletResponse response, Throwable failure)
            throws IOException {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        ResponseEntity<ErrorResponse> error;
        if (cause instanceof ApiException api) {
            error = ErrorResponses.of(api);
        } else if (cause instanceof MetadataUnavailableException unavailable) {
            error = ErrorResponses.of(ErrorCode.RETRIABLE, unavailable.getMessage());
        } else {
            LOG.error("Unexpected error answering a request", cause);
            error = ErrorResponses.of(ErrorCode.INTERNAL_ERROR, "internal error: " + cause.getClass().getSimpleName());
        }
        write(request, response, error);
    }

    @Override
    protected void writeTimeout(HttpServletRequest request, HttpServletResponse response, Duration timeout)
            throws IOException {
        write(request, response, ErrorResponses.of(ErrorCode.RETRIABLE, "the request timed out; retry"));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ResponseEntity<?> entity)
            throws IOException {
        Object body = entity.getBody();
        int status = entity.getStatusCode().value();
        if (body instanceof ErrorResponse error) {
            request.setAttribute(ErrorResponses.ERROR_CODE_ATTRIBUTE, error.errorCode());
        }
        response.setStatus(status);
        for (Map.Entry<String, List<String>> header : entity.getHeaders().headerSet()) {
            if (!header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                header.getValue().forEach(value -> response.addHeader(header.getKey(), value));
            }
        }
        if (body == null) {
            return;
        }
        byte[] bytes = json.writeValueAsBytes(body);
        response.setContentType(AnswerMediaType.of(request.getRequestURI(), request.getHeader(HttpHeaders.ACCEPT),
                status >= 400 || body instanceof ErrorResponse).toString());
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }
}
