package dev.streamlog.gateway.auth;

import dev.streamlog.model.ErrorCode;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Checks OAuth2 bearer tokens with Spring Security's {@link JwtDecoder} (signature, times, issuer and audience as
 * configured, see {@link BearerDecoders}) and names the caller by the token's principal claim. A token once
 * verified is taken from {@link VerifiedCredentials} until it expires or the cache's time runs out. A token that
 * is not valid, or names the caller {@code ANONYMOUS} (the name of callers without credentials), is answered 401; a
 * key set that cannot be fetched, 503 (the client may retry; the reason is logged, not told). Thread-safe.
 */
final class BearerAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(BearerAuthenticator.class);

    private final JwtDecoder decoder;
    private final String principalClaim;
    private final VerifiedCredentials verified;

    BearerAuthenticator(JwtDecoder decoder, String principalClaim, VerifiedCredentials verified) {
        this.decoder = decoder;
        this.principalClaim = principalClaim;
        this.verified = verified;
    }

    /** The caller that {@code token} (what follows {@code Bearer } in the header) names, if it is valid. */
    UserPrincipal authenticate(String token) throws AuthenticationFailure {
        String credentials = "Bearer\n" + token.strip();
        UserPrincipal known = verified.find(credentials);
        if (known != null) {
            return known;
        }
        long generation = verified.generation();
        Jwt jwt;
        try {
            jwt = decoder.decode(token.strip());
        } catch (JwtValidationException e) {
            throw AuthenticationFailure.unauthenticated("the bearer token is not valid: " + e.getErrors().stream()
                    .map(error -> error.getDescription() == null ? error.getErrorCode() : error.getDescription())
                    .reduce((a, b) -> a + "; " + b).orElse("rejected"));
        } catch (BadJwtException e) {
            throw AuthenticationFailure.unauthenticated("the bearer token is not valid: " + reason(e));
        } catch (JwtException e) {
            LOG.warn("event=bearer-keys-unavailable reason={}", reason(e));
            throw new AuthenticationFailure(ErrorCode.RETRIABLE,
                    "bearer tokens cannot be checked now: the issuer's keys could not be fetched; retry");
        }
        String name = jwt.getClaimAsString(principalClaim);
        if (name == null || name.isBlank()) {
            throw AuthenticationFailure.unauthenticated("the bearer token has no '" + principalClaim + "' claim");
        }
        if (name.equals(UserPrincipal.ANONYMOUS.name())) {
            throw AuthenticationFailure.unauthenticated("the bearer token names the caller '" + name
                    + "', the name reserved for callers without credentials");
        }
        UserPrincipal principal = new UserPrincipal(name);
        Instant expiresAt = jwt.getExpiresAt();
        verified.remember(credentials, principal, expiresAt.toEpochMilli(), generation);
        return principal;
    }

    /** Spring's message without its leading boilerplate. */
    private static String reason(JwtException e) {
        String message = String.valueOf(e.getMessage());
        String prefix = "An error occurred while attempting to decode the Jwt: ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
