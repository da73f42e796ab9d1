package dev.streamlog.gateway.consumer;

import dev.streamlog.client.coordinator.CoordinatorLocator;
import dev.streamlog.client.security.CallerPrincipal;
import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.gateway.auth.UserPrincipal;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a consumer group's coordinator: found by {@link CoordinatorLocator} (cached lease), the
 * request sent as JSON; when the coordinator answers 421 (it no longer owns the group) or cannot be
 * connected to, the lease is re-read from ZooKeeper and the call is sent once more. Every outcome
 * is a {@link CoordinatorAnswer}: no coordinator, a second refusal or no answer in time become
 * 503/50003 (the group is moving or loading; clients retry). Thread-safe.
 */
public class CoordinatorCalls {

    private static final Logger log = LoggerFactory.getLogger(CoordinatorCalls.class);

    private final HttpClient http;
    private final ClusterSignature signature;
    private final CoordinatorLocator locator;
    private final JsonMapper json;
    private final Duration timeout;

    /**
     * @param http      a client whose connect timeout is {@code timeout}
     * @param signature signs each call as one from a member of the cluster
     * @param timeout   the coordinator timeout, per call
     */
    public CoordinatorCalls(HttpClient http, ClusterSignature signature, CoordinatorLocator locator, JsonMapper json,
                            Duration timeout) {
        this.http = http;
        this.signature = signature;
        this.locator = locator;
        this.json = json;
        this.timeout = timeout;
    }

    /**
     * Sends {@code method path} with {@code body} (serialised as JSON, or no body when null) to the
     * group's coordinator; {@code path} is below {@code /internal/v1/groups/{group}}.
     */
    public CompletableFuture<CoordinatorAnswer> call(String group, String method, String path, Object body) {
        return call(null, group, method, path, body);
    }

    /**
     * As {@link #call(String, String, String, Object)}, on behalf of {@code caller} (named in the
     * {@link CallerPrincipal} header; null names no one): for a consumer instance's routes, where the coordinator
     * lets only the instance's owner in.
     */
    public CompletableFuture<CoordinatorAnswer> call(UserPrincipal caller, String group, String method, String path,
                                                     Object body) {
        byte[] bytes = body == null ? null : json.writeValueAsBytes(body);
        String principal = caller == null ? null : caller.getName();
        Optional<String> cached = locator.coordinatorOf(group);
        CompletableFuture<Optional<String>> coordinator = cached.isPresent()
                ? CompletableFuture.completedFuture(cached) : locator.freshCoordinatorOf(group);
        return coordinator.handle((found, error) -> error != null || found.isEmpty()
                        ? CompletableFuture.completedFuture(noCoordinator(group, error))
                        : send(found.get(), method, groupPath(group, path), bytes, principal)
                                .thenCompose(first -> retryIfMoved(first, group, method, path, bytes, principal)))
                .thenCompose(Function.identity());
    }

    /**
     * Sends {@code GET /internal/v1/groups} to every live coordinator; completes with their
     * answers (failures included) in the order of {@link CoordinatorLocator#coordinators()}.
     */
    public CompletableFuture<List<CoordinatorAnswer>> groupsOfEach() {
        List<CompletableFuture<CoordinatorAnswer>> answers = locator.coordinators().stream()
                .map(coordinator -> send(coordinator, "GET", "/internal/v1/groups", null, null)).toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(done -> answers.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<CoordinatorAnswer> retryIfMoved(CoordinatorAnswer first, String group, String method,
                                                              String path, byte[] body, String principal) {
        if (!first.moved()) {
            return CompletableFuture.completedFuture(first);
        }
        log.info("The coordinator of group {} moved ({}); re-reading its lease and retrying", group, first);
        return locator.freshCoordinatorOf(group).handle((fresh, error) -> error != null || fresh.isEmpty()
                        ? CompletableFuture.completedFuture(noCoordinator(group, error))
                        : send(fresh.get(), method, groupPath(group, path), body, principal)
                                .thenApply(second -> second.moved()
                                        ? CoordinatorAnswer.error(ErrorCode.RETRIABLE, "the coordinator of group '"
                                                + group + "' is moving; retry")
                                        : second))
                .thenCompose(Function.identity());
    }

    private static String groupPath(String group, String path) {
        return "/internal/v1/groups/" + group + path;
    }

    private CompletableFuture<CoordinatorAnswer> send(String coordinator, String method, String path, byte[] body,
                                                      String principal) {
        HttpRequest.Builder builder = signature.newRequest(method, URI.create(coordinator + path));
        if (principal != null) {
            builder.header(CallerPrincipal.HEADER, CallerPrincipal.encode(principal));
        }
        HttpRequest request = builder
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> failure != null ? failed(coordinator, unwrap(failure))
                        : response.statusCode() == 401 ? CoordinatorAnswer.error(ErrorCode.INTERNAL_ERROR,
                                ClusterSignature.refusedBy("the coordinator at " + coordinator))
                        : CoordinatorAnswer.of(response.statusCode(), response.body()));
    }

    private static CoordinatorAnswer failed(String coordinator, Throwable failure) {
        if (failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException) {
            return CoordinatorAnswer.unreachable(coordinator);
        }
        if (failure instanceof HttpTimeoutException) {
            return CoordinatorAnswer.error(ErrorCode.RETRIABLE, "the coordinator at " + coordinator
                    + " did not answer in time; retry");
        }
        String reason = failure instanceof IOException && failure.getMessage() != null ? failure.getMessage()
                : String.valueOf(failure);
        return CoordinatorAnswer.error(ErrorCode.RETRIABLE, "the coordinator at " + coordinator
                + " is unreachable: " + reason);
    }

    private static CoordinatorAnswer noCoordinator(String group, Throwable error) {
        return CoordinatorAnswer.error(ErrorCode.RETRIABLE, "no coordinator serves group '" + group + "' at the moment"
                + (error == null ? "" : " (ZooKeeper could not be read: " + error.getMessage() + ")") + "; retry");
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
