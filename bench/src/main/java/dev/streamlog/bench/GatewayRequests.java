package dev.streamlog.bench;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * Requests to the gateway, with the credentials of a gateway that authenticates its callers: the
 * {@code Authorization} header's value in the environment variable {@value #VARIABLE} (for example
 * {@code Basic YWxpY2U6c2VjcmV0} or {@code Bearer eyJ...}), kept out of the command line so it does not show in the
 * process list; none when the variable is unset or empty. Stateless.
 */
final class GatewayRequests {

    static final String VARIABLE = "STREAMLOG_BENCH_AUTHORIZATION";
    private static final String AUTHORIZATION = System.getenv(VARIABLE);

    private GatewayRequests() {
    }

    /** A request builder for {@code uri} carrying the credentials, if any. */
    static HttpRequest.Builder to(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        return authorization() == null ? builder : builder.header("Authorization", authorization());
    }

    /** The header line {@code Authorization: ...\r\n} for a request written by hand, or an empty string. */
    static String headerLine() {
        return authorization() == null ? "" : "Authorization: " + authorization() + "\r\n";
    }

    private static String authorization() {
        return AUTHORIZATION == null || AUTHORIZATION.isBlank() ? null : AUTHORIZATION.strip();
    }
}
