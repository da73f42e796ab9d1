package dev.streamlog.gateway.web;

import java.io.IOException;

/**
 * Thrown by the input stream of a request whose body turned out larger than
 * {@code streamlog.gateway.max-request-size} while it was being read (a chunked body, which announces no
 * length). An {@link IOException} so that every reader passes it on; answered 413/41301. Immutable.
 */
public class RequestBodyTooLargeException extends IOException {

    public RequestBodyTooLargeException(long limit) {
        super("the request body is larger than the limit of " + limit + " bytes");
    }
}
