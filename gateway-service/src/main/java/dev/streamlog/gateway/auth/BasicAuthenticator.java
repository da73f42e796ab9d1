package dev.streamlog.gateway.auth;

import dev.streamlog.model.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Checks HTTP Basic credentials ({@code user:password}, base64) against an {@link HtpasswdFile}, re-read when the
 * file changes ({@link #reloadIfChanged}, as when a Kubernetes secret is updated). A bcrypt check takes milliseconds
 * to tens of milliseconds of CPU, so credentials verified once are taken from {@link VerifiedCredentials} after
 * that (keyed by the decoded {@code user:password}), and at most {@code maxConcurrentChecks} checks run at once: a
 * request waits at most {@code checkWait} for one, and only {@value #MAX_WAITING} may wait, so a flood of wrong
 * passwords is answered 429 and never holds more than that many request threads. An unknown user costs a check
 * against a dummy hash of the file's highest cost, so the answer's time does not tell which users exist.
 * Thread-safe (the file and its dummy hash are swapped together through a volatile).
 */
final class BasicAuthenticator {

    /** How many requests may wait for a check slot; more are answered 429 at once. */
    static final int MAX_WAITING = 16;

    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthenticator.class);

    /** The users and the dummy hash an unknown name is checked against. */
    private record Users(HtpasswdFile file, String dummyHash) {

        static Users of(HtpasswdFile file) {
            return new Users(file, BCrypt.hashpw("not a password", BCrypt.gensalt(file.highestCost())));
        }
    }

    private final Path file;
    private final Semaphore checks;
    private final Duration checkWait;
    private final AtomicInteger waiting = new AtomicInteger();
    private final VerifiedCredentials verified;
    private volatile Users users;
    private volatile FileTime loadedVersion;

    /** Reads {@code file} now; a file that cannot be read or is not valid stops the start. */
    BasicAuthenticator(Path file, int maxConcurrentChecks, VerifiedCredentials verified) {
        this(file, maxConcurrentChecks, Duration.ofSeconds(1), verified);
    }

    /** As above, with how long a check waits for a free slot before it is answered 429. */
    BasicAuthenticator(Path file, int maxConcurrentChecks, Duration checkWait, VerifiedCredentials verified) {
        this.file = file;
        this.checks = new Semaphore(maxConcurrentChecks);
        this.checkWait = checkWait;
        this.verified = verified;
        try {
            this.loadedVersion = Files.getLastModifiedTime(file);
            this.users = Users.of(HtpasswdFile.read(file));
        } catch (IOException e) {
            throw new IllegalStateException("streamlog.gateway.auth.basic.credentials-file: cannot read " + file
                    + ": " + e.getMessage(), e);
        }
        LOG.info("event=basic-credentials-loaded file={} users={}", file, users.file().size());
    }

    /** The user that {@code encoded} (what follows {@code Basic } in the header) names, if its password is right. */
    UserPrincipal authenticate(String encoded) throws AuthenticationFailure {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AuthenticationFailure.unauthenticated("the Basic credentials are not base64");
        }
        String credentials = "Basic\n" + decoded;
        UserPrincipal known = verified.find(credentials);
        if (known != null) {
            return known;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw AuthenticationFailure.unauthenticated("the Basic credentials are not user:password");
        }
        String name = decoded.substring(0, colon);
        long generation = verified.generation();
        Users checkedAgainst = users;
        String hash = checkedAgainst.file().hashOf(name);
        boolean matches = check(decoded.substring(colon + 1), hash == null ? checkedAgainst.dummyHash() : hash);
        if (hash == null || !matches) {
            throw AuthenticationFailure.unauthenticated("wrong user name or password");
        }
        UserPrincipal principal = new UserPrincipal(name);
        verified.remember(credentials, principal, Long.MAX_VALUE, generation);
        return principal;
    }

    private boolean check(String password, String hash) throws AuthenticationFailure {
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            throw busy();
        }
        boolean acquired;
        try {
            acquired = checks.tryAcquire(checkWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        } finally {
            waiting.decrementAndGet();
        }
        if (!acquired) {
            throw busy();
        }
        try {
            return BCrypt.checkpw(password, hash);
        } finally {
            checks.release();
        }
    }

    /** How many bcrypt checks could start now without waiting. */
    int freeCheckSlots() {
        return checks.availablePermits();
    }

    private static AuthenticationFailure busy() {
        return new AuthenticationFailure(ErrorCode.TOO_MANY_REQUESTS,
                "too many password checks at once; try again in a second");
    }

    /**
     * Reads the file again if its modification time changed, and forgets the verified credentials; a file that is
     * not valid any more is logged ({@code event=basic-credentials-invalid}) and the users read before stay.
     */
    void reloadIfChanged() {
        try {
            FileTime version = Files.getLastModifiedTime(file);
            if (version.equals(loadedVersion)) {
                return;
            }
            Users read = Users.of(HtpasswdFile.read(file));
            users = read;
            loadedVersion = version;
            verified.clear();
            LOG.info("event=basic-credentials-loaded file={} users={}", file, read.file().size());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("event=basic-credentials-invalid file={} keeping=previous reason={}", file, e.getMessage());
        }
    }
}
