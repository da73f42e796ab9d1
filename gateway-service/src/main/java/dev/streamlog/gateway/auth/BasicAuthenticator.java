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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Checks HTTP Basic credentials ({@code user:password}, base64) against an {@link HtpasswdFile}, re-read when the
 * file changes ({@link #reloadIfChanged}, as when a Kubernetes secret is updated). A bcrypt check takes tens of
 * milliseconds of CPU, so credentials verified once are taken from {@link VerifiedCredentials} after that, and at most
 * {@code maxConcurrentChecks} checks run at once: a request that finds them busy for a second is answered 429, so a
 * flood of wrong passwords slows only logins, not the API. An unknown user costs a check against a dummy hash, so
 * the answer's time does not tell which users exist. Thread-safe (the file is swapped whole through a volatile).
 */
final class BasicAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthenticator.class);
    private static final String DUMMY_HASH = BCrypt.hashpw("not a password", BCrypt.gensalt(10));

    private final Path file;
    private final Semaphore checks;
    private final Duration checkWait;
    private final VerifiedCredentials verified;
    private volatile HtpasswdFile users;
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
            this.users = HtpasswdFile.read(file);
        } catch (IOException e) {
            throw new IllegalStateException("streamlog.gateway.auth.basic.credentials-file: cannot read " + file
                    + ": " + e.getMessage(), e);
        }
        LOG.info("event=basic-credentials-loaded file={} users={}", file, users.size());
    }

    /** The user that {@code encoded} (what follows {@code Basic } in the header) names, if its password is right. */
    UserPrincipal authenticate(String encoded) throws AuthenticationFailure {
        String credentials = "Basic " + encoded;
        UserPrincipal known = verified.find(credentials);
        if (known != null) {
            return known;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AuthenticationFailure.unauthenticated("the Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw AuthenticationFailure.unauthenticated("the Basic credentials are not user:password");
        }
        String name = decoded.substring(0, colon);
        HtpasswdFile checkedAgainst = users;
        String hash = checkedAgainst.hashOf(name);
        boolean matches = check(decoded.substring(colon + 1), hash == null ? DUMMY_HASH : hash);
        if (hash == null || !matches) {
            throw AuthenticationFailure.unauthenticated("wrong user name or password");
        }
        UserPrincipal principal = new UserPrincipal(name);
        if (users == checkedAgainst) {
            verified.remember(credentials, principal, Long.MAX_VALUE);
        }
        return principal;
    }

    private boolean check(String password, String hash) throws AuthenticationFailure {
        boolean acquired;
        try {
            acquired = checks.tryAcquire(checkWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new AuthenticationFailure(ErrorCode.TOO_MANY_REQUESTS,
                    "too many password checks at once; try again in a second");
        }
        try {
            return BCrypt.checkpw(password, hash);
        } finally {
            checks.release();
        }
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
            HtpasswdFile read = HtpasswdFile.read(file);
            users = read;
            loadedVersion = version;
            verified.clear();
            LOG.info("event=basic-credentials-loaded file={} users={}", file, read.size());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("event=basic-credentials-invalid file={} keeping=previous reason={}", file, e.getMessage());
        }
    }
}
