package dev.streamlog.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.streamlog.model.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

class BasicAuthenticatorTest {

    @TempDir
    Path dir;

    private final VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(5), Clock.systemUTC());

    private Path users(String... lines) throws Exception {
        Path file = dir.resolve("users.htpasswd");
        Files.write(file, java.util.List.of(lines));
        return file;
    }

    private static String line(String name, String password) {
        return name + ":" + BCrypt.hashpw(password, BCrypt.gensalt(4));
    }

    private static String encoded(String credentials) {
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void namesTheUserWhosePasswordMatchesAndRefusesOthersAlike() throws Exception {
        BasicAuthenticator basic = new BasicAuthenticator(users(line("alice", "wonder:land")), 2, verified);
        assertThat(basic.authenticate(encoded("alice:wonder:land"))).isEqualTo(new UserPrincipal("alice"));
        assertThat(verified.size()).isEqualTo(1);
        for (String wrong : new String[] {"alice:wonder", "mallory:wonder:land", "alice:", "alice"}) {
            assertThatThrownBy(() -> basic.authenticate(encoded(wrong))).isInstanceOf(AuthenticationFailure.class)
                    .satisfies(e -> assertThat(((AuthenticationFailure) e).code())
                            .isEqualTo(ErrorCode.NOT_AUTHENTICATED));
        }
        assertThatThrownBy(() -> basic.authenticate("%%%")).hasMessage("the Basic credentials are not base64");
        assertThatThrownBy(() -> basic.authenticate(encoded("mallory:x")))
                .hasMessage("wrong user name or password");
        assertThat(verified.size()).as("failures are not cached").isEqualTo(1);
    }

    @Test
    void takesAChangedFileAndForgetsWhatItVerifiedBefore() throws Exception {
        Path file = users(line("alice", "one"));
        BasicAuthenticator basic = new BasicAuthenticator(file, 2, verified);
        assertThat(basic.authenticate(encoded("alice:one")).name()).isEqualTo("alice");
        Files.write(file, java.util.List.of(line("alice", "two"), line("bob", "three")));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        basic.reloadIfChanged();
        assertThatThrownBy(() -> basic.authenticate(encoded("alice:one"))).isInstanceOf(AuthenticationFailure.class);
        assertThat(basic.authenticate(encoded("alice:two")).name()).isEqualTo("alice");
        assertThat(basic.authenticate(encoded("bob:three")).name()).isEqualTo("bob");

        Files.write(file, java.util.List.of("alice:plaintext"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        basic.reloadIfChanged();
        assertThat(basic.authenticate(encoded("bob:three")).name()).as("a broken file keeps the users before")
                .isEqualTo("bob");
    }

    @Test
    void aFileWithAWeakHashStopsTheStart() throws Exception {
        Path file = users("alice:{noop}secret");
        assertThatThrownBy(() -> new BasicAuthenticator(file, 2, verified))
                .hasMessageContaining("line 1: the hash of user 'alice' is not bcrypt");
        assertThatThrownBy(() -> new BasicAuthenticator(dir.resolve("missing"), 2, verified))
                .hasMessageContaining("cannot read");
    }

    @Test
    void checksBeyondTheConcurrencyBoundAreAnswered429() throws Exception {
        // Cost 13 takes about half a second per check: the first holds the only slot while the second asks for it.
        BasicAuthenticator basic = new BasicAuthenticator(users("alice:" + BCrypt.hashpw("pw", BCrypt.gensalt(13))),
                1, Duration.ZERO, verified);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> slow = pool.submit(() -> {
                try {
                    return basic.authenticate(encoded("alice:wrong"));
                } catch (AuthenticationFailure e) {
                    return e.code();
                }
            });
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
                    .until(() -> basic.freeCheckSlots() == 0);
            assertThatThrownBy(() -> basic.authenticate(encoded("alice:also-wrong")))
                    .isInstanceOf(AuthenticationFailure.class)
                    .satisfies(e -> assertThat(((AuthenticationFailure) e).code())
                            .isEqualTo(ErrorCode.TOO_MANY_REQUESTS));
            assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
        } finally {
            pool.shutdownNow();
        }
    }
}
