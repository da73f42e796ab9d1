package dev.streamlog.it.kit;

import dev.streamlog.client.security.ClusterSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests on {@code java.net.http}: HTTP/1.1, a connect timeout and a
 * timeout on every request, bodies as strings, JSON through Jackson 3. Answers of any status
 * come back as an {@link HttpResult}; only transport failures (refused, timed out) throw.
 *
 * <p>Note that {@code java.net.http} sends a path as given apart from checking it: {@code %2e%2e}
 * stays encoded, but a literal {@code ..} segment is better sent with {@link RawHttp}.
 *
 * <p>One made {@link #signedBy} a cluster's {@link ClusterSignature} signs every request as a member of that cluster
 * would, for calls to internal routes; one made {@link #authorizedBy} sends an {@code Authorization} header with
 * every request that has none of its own, for a gateway that authenticates its callers.
 *
 * <p>Thread-safe (the underlying {@link HttpClient} is).
 */
public final class Http {

    /** How long a request may take unless the caller says otherwise. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Media type of produce bodies and record fetches in the JSON format. */
    public static final String KAFKA_JSON = "application/vnd.kafka.json.v2+json";
    /** Media type of v2 metadata and control requests. */
    public static final String KAFKA_V2 = "application/vnd.kafka.v2+json";
    public static final String JSON_TYPE = "application/json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    /** Signs every request; null for none. */
    private final ClusterSignature signature;
    /** The {@code Authorization} header's value for requests without one; null for none. */
    private final String authorization;

    public Http() {
        this(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build(), null, null);
    }

    /** A client for HTTPS whose handshakes use {@code tls} (its trusted CAs, and its client certificate if any). */
    public Http(SSLContext tls) {
        this(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(tls)
                .build(), null, null);
    }

    private Http(HttpClient client, ClusterSignature signature, String authorization) {
        this.client = client;
        this.signature = signature;
        this.authorization = authorization;
    }

    /** This client (its connections) signing every request with {@code signature}. */
    public Http signedBy(ClusterSignature signature) {
        return new Http(client, signature, authorization);
    }

    /**
     * This client (its connections) sending {@code Authorization: <authorization>} with every request that has no
     * such header of its own ({@code null}: none).
     */
    public Http authorizedBy(String authorization) {
        return new Http(client, signature, authorization);
    }

    /** The Jackson mapper the kit uses (thread-safe). */
    public static JsonMapper json() {
        return JSON;
    }

    public HttpResult get(String url) {
        return get(url, JSON_TYPE);
    }

    public HttpResult get(String url, String accept) {
        return send(request(url).header("Accept", accept).GET());
    }

    /** POSTs {@code body} serialized as JSON with content type {@code application/json}. */
    public HttpResult postJson(String url, Object body) {
        return post(url, JSON_TYPE, JSON.writeValueAsString(body));
    }

    public HttpResult post(String url, String contentType, String body) {
        return send(request(url).header("Content-Type", contentType).header("Accept", JSON_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A request builder for {@code url} with {@link #REQUEST_TIMEOUT}. */
    public HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT);
    }

    /** Sends the request; an unreachable server or a timeout becomes an {@link HttpTransportException}. */
    public HttpResult send(HttpRequest.Builder builder) {
        HttpRequest built = builder.build();
        if (authorization != null && built.headers().firstValue("Authorization").isEmpty()) {
            built = HttpRequest.newBuilder(built, (name, value) -> true).header("Authorization", authorization)
                    .build();
        }
        HttpRequest request = signature == null ? built : signature.signed(built);
        String described = request.method() + " " + request.uri();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new HttpResult(described, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new HttpTransportException(described + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpTransportException(described + " interrupted", e);
        }
    }

    /** A request that got no HTTP answer (connection refused, reset, timed out). */
    public static final class HttpTransportException extends RuntimeException {
        HttpTransportException(String message, Exception cause) {
            super(message, cause);
        }
    }
}
