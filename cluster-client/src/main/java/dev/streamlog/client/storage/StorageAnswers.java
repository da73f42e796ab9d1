package dev.streamlog.client.storage;

import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.ErrorResponse;
import dev.streamlog.model.batch.CorruptBatchException;
import dev.streamlog.model.internal.NotLeaderResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a storage node's answer, or the failure to get one, becomes a {@link StorageResult}:
 * <ul>
 *   <li>200 → the body as the call's {@link BodyDecoder} reads it (JSON, or a read's record batches);</li>
 *   <li>421 → not the leader (with the node's leader hint);</li>
 *   <li>another status with an {@code {"error_code","message"}} body → that code, except for the answers that
 *       say nothing was done and the cause clears by itself, which are {@link StorageResult.Unavailable}: "topic or
 *       partition not found" from a node the metadata names as leader (it has not caught up yet, 503/50003 if it
 *       lasts), "no leader" (404/40404 if it lasts), and the node's own {@link ErrorCode#UNAVAILABLE} (503/50003
 *       if it lasts);</li>
 *   <li>any other answer → 503/50003 for a 5xx, else the generic code of its status;</li>
 *   <li>no connection (refused, connect timeout) → unavailable, 503/50302 if it lasts; a connection lost after
 *       the request went out → 503/50302 (it may have been served); no answer in time → 503/50003.</li>
 * </ul>
 * Stateless apart from the mapper; thread-safe.
 */
final class StorageAnswers {

    private final JsonMapper json;

    StorageAnswers(JsonMapper json) {
        this.json = json;
    }

    /** Turns the headers and body of a 200 answer into its value. */
    @FunctionalInterface
    interface BodyDecoder<T> {
        /**
         * @throws JacksonException, CorruptBatchException or IllegalArgumentException for a body (or header) that
         *         does not parse
         */
        T decode(HttpHeaders headers, byte[] body);
    }

    /** Decodes a JSON body as {@code type}. */
    <T> BodyDecoder<T> json(Class<T> type) {
        return (headers, body) -> json.readValue(body, type);
    }

    /** @param decoder turns a 200 answer into its value; other statuses are read as the platform's errors */
    <T> StorageResult<T> fromResponse(String node, int status, HttpHeaders headers, byte[] body,
                                      BodyDecoder<T> decoder) {
        if (status == 200) {
            try {
                return new StorageResult.Ok<>(decoder.decode(headers, body));
            } catch (JacksonException e) {
                return unreadable(node, e.getOriginalMessage());
            } catch (CorruptBatchException | IllegalArgumentException e) {
                return unreadable(node, e.getMessage());
            }
        }
        if (status == 421) {
            NotLeaderResponse notLeader = parse(body, NotLeaderResponse.class);
            return new StorageResult.NotLeader<>(notLeader == null ? null : notLeader.leaderId(),
                    notLeader == null ? "not the leader" : notLeader.message());
        }
        if (status == 401) {
            return StorageResult.failed(ErrorCode.INTERNAL_ERROR, ClusterSignature.refusedBy("storage node " + node));
        }
        ErrorResponse error = parse(body, ErrorResponse.class);
        ErrorCode code = error == null ? null : ErrorCode.fromCode(error.errorCode()).orElse(null);
        if (code == ErrorCode.TOPIC_NOT_FOUND || code == ErrorCode.PARTITION_NOT_FOUND) {
            return StorageResult.unavailable(ErrorCode.RETRIABLE, "the leader, storage node " + node
                    + ", does not serve the partition yet (" + error.message() + "); retry");
        }
        if (code == ErrorCode.LEADER_NOT_AVAILABLE) {
            return StorageResult.unavailable(ErrorCode.LEADER_NOT_AVAILABLE, error.message());
        }
        if (code == ErrorCode.UNAVAILABLE) {
            return StorageResult.unavailable(ErrorCode.RETRIABLE, "storage node " + node + ": " + error.message());
        }
        if (code != null && code.httpStatus() == status) {
            return StorageResult.failed(code, error.message());
        }
        ErrorCode generic = status >= 500 ? ErrorCode.RETRIABLE : ErrorCode.forHttpStatus(status);
        return StorageResult.failed(generic, "storage node " + node + " answered HTTP " + status
                + (error == null || error.message() == null ? "" : ": " + error.message()));
    }

    private static <T> StorageResult<T> unreadable(String node, String problem) {
        return StorageResult.failed(ErrorCode.RETRIABLE, "storage node " + node
                + " answered a body that does not parse: " + problem);
    }

    static <T> StorageResult<T> fromFailure(String node, Throwable failure, Duration timeout) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return StorageResult.unavailable(ErrorCode.NO_STORAGE_NODE,
                    "could not connect to storage node " + node + " within " + timeout);
        }
        if (cause instanceof ConnectException) {
            return StorageResult.unavailable(ErrorCode.NO_STORAGE_NODE, "storage node " + node
                    + " refused the connection: " + (cause.getMessage() == null ? "down?" : cause.getMessage()));
        }
        if (cause instanceof HttpTimeoutException) {
            return StorageResult.failed(ErrorCode.RETRIABLE,
                    "storage node " + node + " did not answer in time; retry");
        }
        if (cause instanceof IOException) {
            return StorageResult.failed(ErrorCode.NO_STORAGE_NODE, "storage node " + node + " is unreachable: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        }
        return StorageResult.failed(ErrorCode.INTERNAL_ERROR, "calling storage node " + node + " failed: " + cause);
    }

    private <T> T parse(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readValue(body, type);
        } catch (JacksonException e) {
            return null;
        }
    }
}
