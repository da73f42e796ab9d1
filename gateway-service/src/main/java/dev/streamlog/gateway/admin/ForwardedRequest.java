package dev.streamlog.gateway.admin;

/**
 * An admin request as the gateway forwards it to the active controller. Immutable by convention (the body array
 * is not copied).
 *
 * @param method       the HTTP method
 * @param pathAndQuery the path and query exactly as the client sent them (still percent-encoded)
 * @param body         the request body, empty when none
 * @param contentType  the body's {@code Content-Type}, or null
 * @param accept       the client's {@code Accept}, or null
 * @param host         the host the client addressed ({@code X-Forwarded-Host})
 * @param proto        the scheme the client used ({@code X-Forwarded-Proto})
 * @param port         the port the client addressed ({@code X-Forwarded-Port})
 */
public record ForwardedRequest(String method, String pathAndQuery, byte[] body, String contentType, String accept,
                               String host, String proto, int port) {
}
