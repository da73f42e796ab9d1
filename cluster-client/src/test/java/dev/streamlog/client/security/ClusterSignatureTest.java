package dev.streamlog.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.client.security.ClusterSignature.Verdict;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures made and checked with one secret, at fixed clocks. */
class ClusterSignatureTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final ClusterSignature here = at(NOW);

    private static ClusterSignature at(Instant instant) {
        return new ClusterSignature(SECRET, SKEW, Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void aSignatureIsValidForItsMethodPathAndQueryOnly() {
        String header = here.sign("POST", URI.create("http://storage-1:9091/internal/v1/appends?acks=all"));

        assertThat(header).startsWith("t=" + NOW.toEpochMilli() + "; s=");
        assertThat(here.verify("POST", "/internal/v1/appends", "acks=all", header)).isEqualTo(Verdict.VALID);
        assertThat(here.verify("GET", "/internal/v1/appends", "acks=all", header)).isEqualTo(Verdict.WRONG);
        assertThat(here.verify("POST", "/internal/v1/appends", "acks=1", header)).isEqualTo(Verdict.WRONG);
        assertThat(here.verify("POST", "/internal/v1/leader-and-isr", null, header)).isEqualTo(Verdict.WRONG);
    }

    @Test
    void thePathIsSignedAsSentWithItsPercentEncoding() {
        String header = here.sign("GET", URI.create("http://c:9291/internal/v1/groups/a%20b/instances?x=%2F"));

        assertThat(here.verify("GET", "/internal/v1/groups/a%20b/instances", "x=%2F", header)).isEqualTo(Verdict.VALID);
        assertThat(here.verify("GET", "/internal/v1/groups/a b/instances", "x=/", header)).isEqualTo(Verdict.WRONG);
    }

    @Test
    void anEmptyQueryIsNoneAndAnEmptyPathIsTheRootAsAnHttpClientSendsThem() {
        String bareQuestionMark = here.sign("GET", URI.create("http://c:9191/v3/clusters?"));
        String noPath = here.sign("GET", URI.create("http://c:9191"));

        assertThat(here.verify("GET", "/v3/clusters", null, bareQuestionMark)).isEqualTo(Verdict.VALID);
        assertThat(here.verify("GET", "/v3/clusters", "", bareQuestionMark)).isEqualTo(Verdict.VALID);
        assertThat(here.verify("GET", "/", null, noPath)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aTimeFarInTheFutureDoesNotOverflowTheSkewCheck() {
        String header = here.sign("POST", "/x", null);
        String signature = header.substring(header.indexOf("; s="));

        assertThat(here.verify("POST", "/x", null, "t=" + Long.MIN_VALUE + signature)).isEqualTo(Verdict.EXPIRED);
        assertThat(here.verify("POST", "/x", null, "t=" + Long.MAX_VALUE + signature)).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void anotherSecretsSignatureIsWrong() {
        ClusterSignature other = new ClusterSignature("another-secret-another-secret-xx", SKEW,
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(here.verify("POST", "/x", null, other.sign("POST", "/x", null))).isEqualTo(Verdict.WRONG);
    }

    @Test
    void aSignatureOutsideTheAllowedSkewEitherWayHasExpired() {
        String old = at(NOW.minus(SKEW).minusMillis(1)).sign("POST", "/x", null);
        String early = at(NOW.plus(SKEW).plusMillis(1)).sign("POST", "/x", null);
        String edge = at(NOW.minus(SKEW)).sign("POST", "/x", null);

        assertThat(here.verify("POST", "/x", null, old)).isEqualTo(Verdict.EXPIRED);
        assertThat(here.verify("POST", "/x", null, early)).isEqualTo(Verdict.EXPIRED);
        assertThat(here.verify("POST", "/x", null, edge)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aMissingOrMalformedHeaderIsNamedSo() {
        String valid = here.sign("POST", "/x", null);
        String signature = valid.substring(valid.indexOf("s="));

        assertThat(here.verify("POST", "/x", null, null)).isEqualTo(Verdict.MISSING);
        assertThat(here.verify("POST", "/x", null, " ")).isEqualTo(Verdict.MISSING);
        assertThat(here.verify("POST", "/x", null, signature)).isEqualTo(Verdict.MALFORMED);
        assertThat(here.verify("POST", "/x", null, "t=soon; " + signature)).isEqualTo(Verdict.MALFORMED);
        assertThat(here.verify("POST", "/x", null, "t=" + NOW.toEpochMilli())).isEqualTo(Verdict.MALFORMED);
        assertThat(here.verify("POST", "/x", null, "t=" + NOW.toEpochMilli() + "; x=1")).isEqualTo(Verdict.MALFORMED);
        assertThat(here.verify("POST", "/x", null, "t=1; s=" + "A".repeat(300))).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new ClusterSignature("short", SKEW, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> new ClusterSignature(" ".repeat(40), SKEW, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecretFilesSurroundingWhiteSpaceIsIgnored(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cluster.secret"), "  " + SECRET + "\n");
        ClusterSignature fromFile = ClusterSignature.fromFile(file, SKEW);

        assertThat(fromFile.verify("GET", "/y", null, new ClusterSignature(SECRET, SKEW, Clock.systemUTC())
                .sign("GET", "/y", null))).isEqualTo(Verdict.VALID);
    }
}
