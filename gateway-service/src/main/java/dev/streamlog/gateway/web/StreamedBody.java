package dev.streamlog.gateway.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A kind of request whose body its handler reads itself as a stream, while it answers, instead of the body filter
 * reading it whole first (Confluent's streaming produce). The handler then owns every bound on the body: its memory,
 * its size per record, its timeouts. Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface StreamedBody {

    /** Whether {@code request}'s body is streamed to its handler unread. */
    boolean streams(HttpServletRequest request);
}
