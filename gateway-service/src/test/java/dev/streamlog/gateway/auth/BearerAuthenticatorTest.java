package dev.streamlog.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.client.fixtures.TestIssuer;
import dev.streamlog.model.ErrorCode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real RS256 tokens from {@link TestIssuer}, checked by the decoder the gateway builds from its properties. */
class BearerAuthenticatorTest {

    private static final TestIssuer ISSUER = new TestIssuer();

    @TempDir
    Path dir;

    private VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(5), Clock.systemUTC());

    /** A gateway's authenticator naming callers by {@code claim}, with a cache of its own (in {@link #verified}). */
    private BearerAuthenticator authenticator(TestIssuer issuer, String claim) throws Exception {
        verified = new VerifiedCredentials(Duration.ofMinutes(5), Clock.systemUTC());
        Path key = dir.resolve("issuer.pem");
        Files.writeString(key, issuer.publicKeyPem());
        return new BearerAuthenticator(BearerDecoders.from(new AuthenticationProperties.Bearer(key, null,
                TestIssuer.ISSUER, TestIssuer.AUDIENCE, claim, Duration.ofSeconds(5))), claim, verified);
    }

    @Test
    void namesTheCallerByTheConfiguredClaim() throws Exception {
        assertThat(authenticator(ISSUER, "sub").authenticate(ISSUER.token("alice", Duration.ofMinutes(5))))
                .isEqualTo(new UserPrincipal("alice"));
        String withEmail = ISSUER.token(Map.of("sub", "0b1c", "email", "bob@example.com", "iss", TestIssuer.ISSUER,
                "aud", TestIssuer.AUDIENCE), Instant.now().plusSeconds(60));
        assertThat(authenticator(ISSUER, "email").authenticate(withEmail).getName()).isEqualTo("User:bob@example.com");
        assertThatThrownBy(() -> authenticator(ISSUER, "preferred_username").authenticate(withEmail))
                .hasMessage("the bearer token has no 'preferred_username' claim");
        assertThatThrownBy(() -> authenticator(ISSUER, "sub").authenticate(ISSUER.token("ANONYMOUS",
                Duration.ofMinutes(5)))).hasMessageContaining("the name reserved for callers without credentials");
    }

    @Test
    void refusesForgedExpiredForeignAndMalformedTokens() throws Exception {
        BearerAuthenticator bearer = authenticator(ISSUER, "sub");
        Map<String, String> refused = ISSUER.invalidTokens();
        refused.put("not a JWT", "not-a-token");
        refused.put("unsigned", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.");
        refused.forEach((why, token) -> assertThatThrownBy(() -> bearer.authenticate(token)).as(why)
                .isInstanceOf(AuthenticationFailure.class)
                .hasMessageStartingWith("the bearer token is not valid: ")
                .satisfies(e -> assertThat(((AuthenticationFailure) e).code())
                        .isEqualTo(ErrorCode.NOT_AUTHENTICATED)));
        assertThat(verified.size()).isZero();
    }

    @Test
    void anUnreachableKeySetIsRetriableNotTheClientsFault() {
        BearerAuthenticator bearer = new BearerAuthenticator(BearerDecoders.from(new AuthenticationProperties.Bearer(
                null, URI.create("http://127.0.0.1:1/jwks"), null, null, "sub", Duration.ofSeconds(2))), "sub",
                verified);
        assertThatThrownBy(() -> bearer.authenticate(ISSUER.token("alice", Duration.ofMinutes(5))))
                .isInstanceOf(AuthenticationFailure.class)
                .hasMessage("bearer tokens cannot be checked now: the issuer's keys could not be fetched; retry")
                .satisfies(e -> assertThat(((AuthenticationFailure) e).code()).isEqualTo(ErrorCode.RETRIABLE));
    }
}
