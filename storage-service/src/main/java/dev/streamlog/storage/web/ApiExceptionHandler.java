package dev.streamlog.storage.web;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.internal.NotLeaderResponse;
import dev.streamlog.support.web.JsonBodyErrors;
import dev.streamlog.storage.datadir.DataDirOfflineException;
import dev.streamlog.storage.log.errors.CorruptRecordException;
import dev.streamlog.storage.log.errors.InvalidArgumentException;
import dev.streamlog.storage.log.errors.InvalidConfigException;
import dev.streamlog.storage.log.errors.InvalidOffsetException;
import dev.streamlog.storage.log.errors.InvalidSizeException;
import dev.streamlog.storage.log.errors.InvalidTopicException;
import dev.streamlog.storage.log.errors.LogClosedException;
import dev.streamlog.storage.log.errors.LogStorageException;
import dev.streamlog.storage.log.errors.OffsetOutOfRangeException;
import dev.streamlog.storage.log.errors.RecordTooLargeException;
import dev.streamlog.storage.log.errors.StaleLeaderEpochException;
import dev.streamlog.storage.partition.FencedException;
import dev.streamlog.storage.partition.NotEnoughReplicasException;
import dev.streamlog.storage.partition.NotLeaderException;
import dev.streamlog.storage.partition.PartitionRoutingException;
import dev.streamlog.storage.partition.ReplicationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into the platform's error body {@code {"error_code":N,"message":"..."}}
 * with the code's HTTP status ({@link ErrorCode#httpStatus()}): each engine exception and each
 * routing outcome has its code (below), a JSON body that cannot be read the code and message
 * {@link JsonBodyErrors} gives, Spring MVC's other request errors (a parameter that is missing or
 * not a number, wrong media type or method, unknown route) the generic code of their status
 * ({@link ErrorCode#forHttpStatus}), and only faults of ours are 500s. "Not leader" is 421 with a {@link NotLeaderResponse}. Thread-safe.
 *
 * <pre>
 * BadRequestException, InvalidArgument/Offset/Size/TopicException,
 * CorruptRecordException (a batch given to append)                  400  40001
 * PartitionRoutingException                                          its code (404 40401, 40402, 40404; 503 50311)
 * NotEnoughReplicasException (acks=all refused, nothing appended),
 * DataDirOfflineException, LogStorageException (the disk failed)     503  50311 (unavailable, internal)
 * NotLeaderException                                                 421  42101 + leader_id
 * RecordTooLargeException, RequestTooLargeException                  413  41301
 * OffsetOutOfRangeException                                          416  41601
 * LogClosedException, StaleLeaderEpochException                      503  50003 (retriable)
 * InvalidConfigException, anything else                             500  50002
 * </pre>
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Our exceptions, the engine's, and anything unexpected (mapped by {@link #toResponse}). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handle(Exception e) {
        return toResponse(e);
    }

    /** Spring MVC's request errors: the status Spring chose, with our body. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ErrorCode code = ErrorCode.forHttpStatus(statusCode.value());
        String message = messageOf(ex);
        if (ex instanceof HttpMessageNotReadableException unreadable) {
            JsonBodyErrors.Answer answer = JsonBodyErrors.of(unreadable);
            code = answer.code();
            message = answer.message();
        }
        if (statusCode.is5xxServerError()) {
            LOG.error("event=request-failed status={}", statusCode.value(), ex);
        }
        HttpHeaders answerHeaders = new HttpHeaders();
        answerHeaders.addAll(headers);
        answerHeaders.setContentType(MediaType.APPLICATION_JSON);
        return ResponseEntity.status(code.httpStatus()).headers(answerHeaders).body(code.response(message));
    }

    /** The error answer for a failure of ours or the engine's (also used by {@link StorageAnswers}). */
    public static ResponseEntity<Object> toResponse(Throwable e) {
        Throwable cause = unwrap(e);
        if (cause instanceof NotLeaderException notLeader) {
            return body(ErrorCode.NOT_LEADER.httpStatus(), new NotLeaderResponse(ErrorCode.NOT_LEADER.code(), notLeader.getMessage(),
                    notLeader.leaderId()));
        }
        if (cause instanceof PartitionRoutingException routing) {
            return error(routing.errorCode(), routing.getMessage());
        }
        if (cause instanceof BadRequestException || cause instanceof InvalidArgumentException
                || cause instanceof InvalidOffsetException || cause instanceof InvalidSizeException
                || cause instanceof InvalidTopicException || cause instanceof CorruptRecordException) {
            return error(ErrorCode.BAD_REQUEST, cause.getMessage());
        }
        if (cause instanceof RecordTooLargeException || cause instanceof RequestTooLargeException) {
            return error(ErrorCode.TOO_LARGE, cause.getMessage());
        }
        if (cause instanceof OffsetOutOfRangeException) {
            return error(ErrorCode.OFFSET_OUT_OF_RANGE, cause.getMessage());
        }
        if (cause instanceof NotEnoughReplicasException || cause instanceof DataDirOfflineException) {
            return error(ErrorCode.UNAVAILABLE, cause.getMessage());
        }
        if (cause instanceof LogStorageException) {
            LOG.warn("event=request-storage-failure error={}", cause.toString());
            return error(ErrorCode.UNAVAILABLE, "this storage node could not read or write its data dir; retry");
        }
        if (cause instanceof FencedException) {
            return error(ErrorCode.FENCED, cause.getMessage());
        }
        if (cause instanceof LogClosedException || cause instanceof StaleLeaderEpochException
                || cause instanceof ReplicationException) {
            return error(ErrorCode.RETRIABLE, cause.getMessage());
        }
        LOG.error("event=request-failed", cause);
        return error(ErrorCode.INTERNAL_ERROR, "internal error: " + cause.getClass().getSimpleName());
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static ResponseEntity<Object> error(ErrorCode code, String message) {
        return body(code.httpStatus(), code.response(message));
    }

    private static ResponseEntity<Object> body(int status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static String messageOf(Exception ex) {
        if (ex instanceof TypeMismatchException mismatch) {
            return "'" + mismatch.getPropertyName() + "' must be " + JsonBodyErrors.jsonType(mismatch.getRequiredType())
                    + " within its range, got '" + mismatch.getValue() + "'";
        }
        if (ex instanceof org.springframework.web.ErrorResponse response && response.getBody().getDetail() != null) {
            return response.getBody().getDetail();
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
