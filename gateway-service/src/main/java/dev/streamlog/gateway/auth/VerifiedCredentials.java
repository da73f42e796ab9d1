package dev.streamlog.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The credentials (an {@code Authorization} header's value) verified lately and whom they named, so a client that
 * sends the same ones on every request costs a bcrypt check or a signature check once per {@code ttl}, not per
 * request. Entries are keyed by the SHA-256 of the credentials, so no password or token is kept; each expires at
 * the earlier of its {@code ttl} and the expiry the caller gives (a token's {@code exp}). Holds at most
 * {@value #MAX_ENTRIES} entries: when full it is emptied, which costs only checks again. A failed check is never
 * cached. Thread-safe.
 */
final class VerifiedCredentials {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(UserPrincipal principal, long expiresAtMillis) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    VerifiedCredentials(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Whom {@code credentials} named when verified, if that is cached and not expired; else null. */
    UserPrincipal find(String credentials) {
        if (ttl.isZero()) {
            return null;
        }
        String key = digest(credentials);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.expiresAtMillis) {
            entries.remove(key, entry);
            return null;
        }
        return entry.principal;
    }

    /** Remembers that {@code credentials} were verified as {@code principal}, until {@code expiresAtMillis} at the latest. */
    void remember(String credentials, UserPrincipal principal, long expiresAtMillis) {
        if (ttl.isZero()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        long until = Math.min(expiresAtMillis, clock.millis() + ttl.toMillis());
        entries.put(digest(credentials), new Entry(principal, until));
    }

    /** Forgets everything, as when the credentials file changed. */
    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    private static String digest(String credentials) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(credentials.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
