package dev.streamlog.model;

/**
 * The error codes of the public API (Confluent REST Proxy v2 numbering): each is the HTTP
 * status times 100 plus a sub-code, so {@link #httpStatus()} is {@code code / 100}, with the
 * exceptions kept from Confluent's numbering: {@link #RETRIABLE} (50003) is answered with 503, and
 * where Confluent answers with the bare HTTP status as its code (an unknown route or cluster, a
 * wrong method or media type, and some v3 body errors) the code is that status.
 * Every 4xx and 5xx answer carries one in an {@link ErrorResponse}.
 */
public enum ErrorCode {

    /** Malformed input or an argument out of range; the catch-all for bad requests. */
    BAD_REQUEST(40001),
    /** A topic configuration (partitions, replication factor, config value) is not acceptable. */
    INVALID_TOPIC_CONFIG(40002),
    NOT_AUTHENTICATED(40101),
    NOT_AUTHORIZED(40301),
    /** No such route, or a path naming another cluster: Confluent answers these with the bare HTTP status. */
    NOT_FOUND(404, 404),
    TOPIC_NOT_FOUND(40401),
    PARTITION_NOT_FOUND(40402),
    CONSUMER_INSTANCE_NOT_FOUND(40403),
    /**
     * The v3 admin API's unknown topic (Kafka's UnknownTopicOrPartition, which Confluent's v3 answers with 40403, the
     * number it also gives a missing v2 consumer instance; {@link #fromCode} answers that one for 40403).
     */
    UNKNOWN_TOPIC_OR_PARTITION(40403),
    /** The partition has no live leader (offline). */
    LEADER_NOT_AVAILABLE(40404),
    /** The route exists but not for this HTTP method (Confluent: the bare HTTP status). */
    METHOD_NOT_ALLOWED(405, 405),
    /** The {@code Accept} header does not match the consumer's format. */
    NOT_ACCEPTABLE(40601),
    /** The request (its body) did not arrive in time. */
    REQUEST_TIMEOUT(40801),
    /** The consumer is already subscribed, or the topic already exists. */
    CONFLICT(40901),
    CONSUMER_ALREADY_EXISTS(40902),
    /** Subscribe and assign are exclusive; or a stale generation. */
    ILLEGAL_STATE(40903),
    /**
     * Internal: a request carried an older controller epoch or leader epoch than the storage
     * node knows (a deposed controller, or a replica that missed a leader change).
     */
    FENCED(40904),
    /** A request or a record is larger than allowed. */
    TOO_LARGE(41301),
    /** The request body's media type is not one the route takes (Confluent: the bare HTTP status). */
    UNSUPPORTED_MEDIA_TYPE(415, 415),
    /** A read asked for an offset past the partition's end (or before its start). */
    OFFSET_OUT_OF_RANGE(41601),
    /** Internal: a storage node was asked to serve a partition it does not lead. */
    NOT_LEADER(42101),
    /** Internal: a consumer coordinator was asked about a group whose offsets partition it does not own. */
    NOT_COORDINATOR(42102),
    /** The v3 API's bare 400 (Confluent's answer to a body its entity cannot be built from, e.g. {@code {}}). */
    BAD_REQUEST_ENTITY(400, 400),
    /** The v3 API's bare 422 (Confluent's answer to a request without the body it needs). */
    MISSING_BODY(422, 422),
    /** The body is JSON but does not fit the schema. */
    UNPROCESSABLE_ENTITY(42201),
    INVALID_CONSUMER_CONFIG(42204),
    /** A v3 batch produce that breaks the batch's rules: no entries, too many, ids missing or not distinct. */
    INVALID_PRODUCE_BATCH(42208),
    TOO_MANY_REQUESTS(42901),
    /** A fault of ours; never used for bad input. */
    INTERNAL_ERROR(50002),
    /** Retriable: not enough in-sync replicas, a timeout, a coordinator moving. */
    RETRIABLE(50003, 503),
    /** No storage node could be reached. */
    NO_STORAGE_NODE(50302),
    /**
     * Internal: a storage node did nothing with the request, for a reason that clears by itself (it has not
     * loaded the metadata or opened the replica yet, too few in-sync replicas for acks=all, its data dir is
     * offline), so asking again cannot write anything twice. The gateway and the coordinator ask again for a
     * while; clients get {@link #RETRIABLE} if it lasts.
     */
    UNAVAILABLE(50311, 503);

    private final int code;
    private final int httpStatus;

    ErrorCode(int code) {
        this(code, code / 100);
    }

    ErrorCode(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The numeric error code, e.g. 40401. */
    public int code() {
        return code;
    }

    /** The HTTP status that goes with it, e.g. 404. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The constant with the given numeric code, if there is one. */
    public static java.util.Optional<ErrorCode> fromCode(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The code to answer with when only an HTTP status is known (a rejection by the servlet
     * container or the web framework): the generic code of that status, else the catch-all of
     * its class.
     */
    public static ErrorCode forHttpStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> NOT_AUTHENTICATED;
            case 403 -> NOT_AUTHORIZED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 408 -> REQUEST_TIMEOUT;
            case 413 -> TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> RETRIABLE;
            default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
        };
    }

    /** The answer body for this code with the given message. */
    public ErrorResponse response(String message) {
        return new ErrorResponse(code, message);
    }
}
