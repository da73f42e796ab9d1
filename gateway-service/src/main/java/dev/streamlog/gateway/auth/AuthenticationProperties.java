package dev.streamlog.gateway.auth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the public API authenticates its callers, prefix {@code streamlog.gateway.auth}. Immutable.
 *
 * @param methods the ways a caller may prove who it is: {@code basic}, {@code bearer}, {@code mtls}, or several (a
 *                request may use any). Empty (the default) turns authentication off: every caller is
 *                {@code User:ANONYMOUS}
 * @param basic   HTTP Basic's settings
 * @param bearer  bearer tokens' settings
 * @param mtls    client certificates' settings
 * @param cacheTtl how long a credential or token once verified is taken again without checking its hash or
 *                signature (a token never beyond its own expiry); 0 checks every request. Default 5m
 */
@ConfigurationProperties("streamlog.gateway.auth")
public record AuthenticationProperties(@DefaultValue List<Method> methods,
                                       @DefaultValue Basic basic,
                                       @DefaultValue Bearer bearer,
                                       @DefaultValue Mtls mtls,
                                       @DefaultValue("5m") Duration cacheTtl) {

    /** A way to authenticate. */
    public enum Method { BASIC, BEARER, MTLS }

    public AuthenticationProperties {
        methods = methods == null ? List.of() : List.copyOf(methods);
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("streamlog.gateway.auth.cache-ttl must not be negative");
        }
        if (methods.contains(Method.BASIC) && basic.credentialsFile() == null) {
            throw new IllegalArgumentException("streamlog.gateway.auth.methods has basic:"
                    + " streamlog.gateway.auth.basic.credentials-file must name the htpasswd file");
        }
        if (methods.contains(Method.BEARER) && (bearer.publicKeyFile() == null) == (bearer.jwkSetUri() == null)) {
            throw new IllegalArgumentException("streamlog.gateway.auth.methods has bearer: set exactly one of"
                    + " streamlog.gateway.auth.bearer.public-key-file and streamlog.gateway.auth.bearer.jwk-set-uri");
        }
    }

    /** Whether callers must authenticate. */
    public boolean required() {
        return !methods.isEmpty();
    }

    /**
     * HTTP Basic.
     *
     * @param credentialsFile an htpasswd file ({@code name:hash} per line, {@code #} comments) whose hashes are all
     *                        bcrypt, as {@code htpasswd -B} writes them; re-read when it changes
     * @param maxConcurrentChecks how many bcrypt checks (of credentials not cached) may run at once; a request that
     *                        finds them all busy for a second is answered 429/42901, so wrong passwords cannot take
     *                        all the CPU. Default 2
     * @param generateUser    when set and the credentials file does not exist at start, the gateway creates it with
     *                        this one user and a random password, which it writes beside the file as
     *                        {@code <user>.password} (both readable by the gateway's user only): a deployment is then
     *                        secure from its first start without anyone choosing a password
     */
    public record Basic(Path credentialsFile, @DefaultValue("2") int maxConcurrentChecks, String generateUser) {

        public Basic {
            if (maxConcurrentChecks <= 0) {
                throw new IllegalArgumentException(
                        "streamlog.gateway.auth.basic.max-concurrent-checks must be positive");
            }
            if (generateUser != null && !generateUser.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("streamlog.gateway.auth.basic.generate-user must be 1 to 64"
                        + " letters, digits, '.', '_' or '-'");
            }
        }
    }

    /**
     * OAuth2 bearer tokens (signed JWTs), as Spring Security's resource server checks them: the signature, the
     * {@code exp} and {@code nbf} times, and the issuer and audience when configured.
     *
     * @param publicKeyFile  a PEM file with the issuer's RSA public key ({@code -----BEGIN PUBLIC KEY-----}); or
     * @param jwkSetUri      the issuer's JWKS endpoint, whose keys are fetched and cached
     * @param issuer         the {@code iss} every token must have; none checks no issuer
     * @param audience       a value the token's {@code aud} must contain; none checks no audience
     * @param principalClaim the claim naming the caller. Default {@code sub}
     * @param timeout        connect and read timeout of the JWKS fetch. Default 5s
     */
    public record Bearer(Path publicKeyFile, URI jwkSetUri, String issuer, String audience,
                         @DefaultValue("sub") String principalClaim, @DefaultValue("5s") Duration timeout) {
    }

    /**
     * Mutual TLS: the client certificate the TLS handshake verified against the public listener's trust store
     * ({@code server.ssl.client-auth} {@code want} or {@code need}) names the caller.
     *
     * @param principal {@code dn}: the certificate's whole subject in RFC 2253 form, as Kafka's default principal
     *                  mapping ({@code User:CN=alice,O=Acme}); {@code cn}: its common name ({@code User:alice}).
     *                  Default {@code dn}
     */
    public record Mtls(@DefaultValue("dn") PrincipalName principal) {

        /** Which part of the certificate's subject names the caller. */
        public enum PrincipalName { DN, CN }
    }
}
