package dev.streamlog.client.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a call between the services of one cluster carries, made with the cluster's shared secret: the
 * header {@value #HEADER}{@code : t=<unix milliseconds>; s=<signature>}, where the signature is the unpadded
 * base64url HMAC-SHA256, keyed with the secret, of {@code streamlog-v1 \n METHOD \n path[?query] \n t} (the
 * path and query as sent, percent-encoding untouched; an empty path is {@code /}, an empty query none, as HTTP
 * clients send them). A receiver accepts a call whose signature matches and whose time is within {@code maxSkew}
 * of its own clock, so a caller without the secret cannot make a call, and a captured one cannot be replayed once
 * that window passed (nor sent to another route or with another query).
 *
 * <p>The body is not signed: hashing every appended and replicated megabyte would cost the data plane, and a
 * party that can capture and alter traffic inside the window is the threat TLS on internal hops answers. The
 * secret is at least {@value #MIN_SECRET_CHARS} characters (bin/cluster and compose generate 64 hex digits, the
 * Helm chart 64 letters and digits); the nodes' clocks must agree within {@code maxSkew}.
 *
 * <p>Thread-safe: each thread has its own {@link Mac}.
 */
public final class ClusterSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "Streamlog-Signature";
    /** The shortest secret accepted, in characters. */
    public static final int MIN_SECRET_CHARS = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] CONTEXT = "streamlog-v1\n".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final Duration maxSkew;
    private final Clock clock;
    private final ThreadLocal<Mac> macs;

    /** Why a call was refused, or {@link #VALID}. */
    public enum Verdict {
        VALID(null),
        MISSING("the call carries no " + HEADER + " header"),
        MALFORMED("the " + HEADER + " header is not t=<milliseconds>; s=<signature>"),
        EXPIRED("the " + HEADER + " header's time is further than the allowed clock skew from this node's clock"),
        WRONG("the " + HEADER + " header's signature does not match this cluster's secret");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        /** Why the call was refused, for its error message; null when valid. */
        public String reason() {
            return reason;
        }
    }

    /**
     * @param secret  the cluster's secret, at least {@value #MIN_SECRET_CHARS} characters
     * @param maxSkew how far a call's time may be from this node's clock, either way
     * @param clock   this node's clock
     */
    public ClusterSignature(String secret, Duration maxSkew, Clock clock) {
        if (secret == null || secret.strip().length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException("the cluster secret must have at least " + MIN_SECRET_CHARS
                    + " characters");
        }
        if (maxSkew.isNegative() || maxSkew.isZero()) {
            throw new IllegalArgumentException("the signature's allowed clock skew must be above 0");
        }
        this.key = new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.maxSkew = maxSkew;
        this.clock = clock;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * The signature of a cluster whose secret is the content of {@code file} (surrounding white space ignored).
     *
     * @throws IOException when the file cannot be read
     */
    public static ClusterSignature fromFile(Path file, Duration maxSkew) throws IOException {
        return new ClusterSignature(Files.readString(file, StandardCharsets.UTF_8), maxSkew, Clock.systemUTC());
    }

    /**
     * A builder of a call of {@code method} to {@code uri} with its signature, made now, in place: what is left to
     * set is the method and body (the same method), headers and timeout. Send it soon: its signature is good for
     * the allowed clock skew.
     */
    public HttpRequest.Builder newRequest(String method, URI uri) {
        return HttpRequest.newBuilder(uri).header(HEADER, sign(method, uri));
    }

    /** {@code request} with its signature, made now, in place of any it carried. */
    public HttpRequest signed(HttpRequest request) {
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase(HEADER))
                .header(HEADER, sign(request.method(), request.uri())).build();
    }

    /**
     * Why another service refused a call this one signed ({@code who}: "storage node http://…", "the controller at
     * …"): for the error a client of this service gets, which is not about the client's own credentials.
     */
    public static String refusedBy(String who) {
        return who + " refused this service's signature: the services do not share one cluster secret"
                + " (streamlog.cluster.secret-file), or their clocks differ by more than the allowed skew";
    }

    /** The header value for a call of {@code method} to {@code uri}, signed now. */
    public String sign(String method, URI uri) {
        return sign(method, uri.getRawPath(), uri.getRawQuery());
    }

    /**
     * The header value for a call of {@code method} to {@code path} with {@code query} (both as sent; the query
     * null or empty for none), signed now.
     */
    public String sign(String method, String path, String query) {
        long millis = clock.millis();
        return "t=" + millis + "; s=" + mac(method, canonical(path, query), millis);
    }

    /**
     * Whether {@code header} (null when the call has none) is a valid signature of a call of {@code method} to
     * {@code path} with {@code query} (as received, percent-encoding untouched; the query null or empty for none).
     */
    public Verdict verify(String method, String path, String query, String header) {
        return check(method, canonical(path, query), header);
    }

    /**
     * What is signed of a call's target: its path ({@code /} for an empty one, as HTTP sends it) and its query
     * after a {@code ?} unless there is none or it is empty (an HTTP client drops a bare {@code ?}).
     */
    private static String canonical(String path, String query) {
        String sent = path == null || path.isEmpty() ? "/" : path;
        return query == null || query.isEmpty() ? sent : sent + "?" + query;
    }

    private Verdict check(String method, String pathAndQuery, String header) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        int separator = header.indexOf(';');
        if (!header.startsWith("t=") || separator < 0 || header.length() > 200) {
            return Verdict.MALFORMED;
        }
        String signature = header.substring(separator + 1).strip();
        if (!signature.startsWith("s=")) {
            return Verdict.MALFORMED;
        }
        long millis;
        try {
            millis = Long.parseLong(header.substring(2, separator).strip());
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED;
        }
        long now = clock.millis();
        if (millis < now - maxSkew.toMillis() || millis > now + maxSkew.toMillis()) {
            return Verdict.EXPIRED;
        }
        byte[] expected = mac(method, pathAndQuery, millis).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.substring(2).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.WRONG;
    }

    private String mac(String method, String pathAndQuery, long millis) {
        Mac mac = macs.get();
        mac.update(CONTEXT);
        mac.update(method.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '\n');
        mac.update(pathAndQuery.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '\n');
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal(Long.toString(millis).getBytes(StandardCharsets.US_ASCII)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
