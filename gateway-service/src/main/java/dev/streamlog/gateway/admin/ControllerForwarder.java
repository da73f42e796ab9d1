package dev.streamlog.gateway.admin;

import dev.streamlog.client.controller.ControllerLocator;
import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * Forwards an admin request verbatim (method, path, query, body, {@code Content-Type}, {@code Accept}) to the
 * active controller, adding {@code X-Forwarded-Host/Proto/Port} so the controller's self links point at the
 * gateway, and the cluster's {@link ClusterSignature} (no other header of the client's reaches the controller), and
 * answers with the controller's status, {@code Content-Type}, {@code Location} and body. When the controller answers
 * 503 (a standby, or one that just lost ZooKeeper) or cannot be connected to, the latch holder is re-read from
 * ZooKeeper and the request is sent once more. No controller → 503/50003; no answer within the
 * controller timeout → 503/50003 (not retried: the request may have been applied). Thread-safe.
 */
public class ControllerForwarder {

    private static final Logger log = LoggerFactory.getLogger(ControllerForwarder.class);
    private static final byte[] NO_BODY = new byte[0];

    private final HttpClient http;
    private final ClusterSignature signature;
    private final ControllerLocator locator;
    private final Duration timeout;

    /**
     * @param http      a client whose connect timeout is {@code timeout}
     * @param signature signs each forwarded request as a call from a member of the cluster
     * @param locator   finds the active controller
     * @param timeout   the controller timeout, per request
     */
    public ControllerForwarder(HttpClient http, ClusterSignature signature, ControllerLocator locator,
                               Duration timeout) {
        this.http = http;
        this.signature = signature;
        this.locator = locator;
        this.timeout = timeout;
    }

    /** One try at one controller: its answer or the failure. */
    private record Attempt(String controller, HttpResponse<byte[]> response, Throwable failure) {

        boolean worthRetrying() {
            if (response != null) {
                return response.statusCode() == 503;
            }
            return failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
        }
    }

    public CompletableFuture<ResponseEntity<?>> forward(ForwardedRequest request) {
        Optional<String> cached = locator.activeController();
        CompletableFuture<Optional<String>> controller = cached.isPresent()
                ? CompletableFuture.completedFuture(cached) : locator.freshActiveController();
        return controller.handle((found, error) -> error != null || found.isEmpty()
                        ? CompletableFuture.<ResponseEntity<?>>completedFuture(noController(error))
                        : send(found.get(), request).thenCompose(first -> retryIfWorthIt(first, request)))
                .thenCompose(Function.identity());
    }

    private CompletableFuture<ResponseEntity<?>> retryIfWorthIt(Attempt first, ForwardedRequest request) {
        if (!first.worthRetrying()) {
            return CompletableFuture.completedFuture(answer(first));
        }
        log.info("Controller {} could not serve {} {} ({}); re-reading the latch and retrying", first.controller(),
                request.method(), request.pathAndQuery(),
                first.response() != null ? "HTTP " + first.response().statusCode() : first.failure());
        return locator.freshActiveController().handle((fresh, error) -> error != null || fresh.isEmpty()
                        ? CompletableFuture.<ResponseEntity<?>>completedFuture(answer(first))
                        : send(fresh.get(), request).thenApply(this::answer))
                .thenCompose(Function.identity());
    }

    private CompletableFuture<Attempt> send(String controller, ForwardedRequest request) {
        HttpRequest.Builder builder;
        try {
            builder = signature.newRequest(request.method(), URI.create(controller + request.pathAndQuery()));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Attempt(controller, null, e));
        }
        builder.timeout(timeout)
                .header("X-Forwarded-Host", request.host())
                .header("X-Forwarded-Proto", request.proto())
                .header("X-Forwarded-Port", Integer.toString(request.port()))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header(HttpHeaders.CONTENT_TYPE, request.contentType());
        }
        if (request.accept() != null) {
            builder.header(HttpHeaders.ACCEPT, request.accept());
        }
        return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> new Attempt(controller, response, unwrap(failure)));
    }

    private ResponseEntity<?> answer(Attempt attempt) {
        HttpResponse<byte[]> response = attempt.response();
        if (response == null) {
            return failure(attempt);
        }
        if (response.statusCode() == 401) {
            return error(ErrorCode.INTERNAL_ERROR,
                    ClusterSignature.refusedBy("the controller at " + attempt.controller()));
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.statusCode());
        response.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(type -> builder.header(HttpHeaders.CONTENT_TYPE, type));
        response.headers().firstValue(HttpHeaders.LOCATION).ifPresent(location -> builder.header(HttpHeaders.LOCATION, location));
        return builder.body(response.body() == null ? NO_BODY : response.body());
    }

    private static ResponseEntity<?> failure(Attempt attempt) {
        Throwable failure = attempt.failure();
        if (failure instanceof IllegalArgumentException) {
            return error(ErrorCode.BAD_REQUEST, "the request path cannot be forwarded: " + failure.getMessage());
        }
        if (failure instanceof HttpTimeoutException && !(failure instanceof HttpConnectTimeoutException)) {
            return error(ErrorCode.RETRIABLE, "the controller at " + attempt.controller()
                    + " did not answer in time; check whether the change was applied before retrying");
        }
        String reason = failure instanceof IOException && failure.getMessage() != null ? failure.getMessage()
                : String.valueOf(failure);
        return error(ErrorCode.RETRIABLE, "the controller at " + attempt.controller() + " is unreachable: " + reason);
    }

    private static ResponseEntity<?> noController(Throwable error) {
        return error(ErrorCode.RETRIABLE, "no active controller is known"
                + (error == null ? "" : " (ZooKeeper could not be read: " + error.getMessage() + ")") + "; retry");
    }

    private static ResponseEntity<?> error(ErrorCode code, String message) {
        return ErrorResponses.of(code, message);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
