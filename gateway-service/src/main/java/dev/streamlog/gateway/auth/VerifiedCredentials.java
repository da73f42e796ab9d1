package dev.streamlog.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The credentials verified lately and whom they named, so a client that sends the same ones on every request costs
 * a bcrypt check or a signature check once per {@code ttl}, not per request. Callers key an entry by the credentials
 * in a normal form (the decoded {@code user:password}, the token without surrounding blanks), so spelling one
 * credential many ways does not make many entries; the map holds their SHA-256, so no password or token is kept.
 * Each entry expires at the earlier of its {@code ttl} and the expiry the caller gives (a token's {@code exp}), and
 * belongs to a generation: {@link #clear} starts a new one, and an entry of an older generation is never found, even
 * one whose check began before the clear and ended after it. At most {@value #MAX_ENTRIES} entries: when full, the
 * expired ones go, and if none has, all do, which costs only checks again. A failed check is never cached.
 * Thread-safe.
 */
final class VerifiedCredentials {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(UserPrincipal principal, long expiresAtMillis, long generation) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Duration ttl;
    private final Clock clock;

    VerifiedCredentials(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The generation now: take it before a check, give it to {@link #remember} after. */
    long generation() {
        return generation.get();
    }

    /** Whom {@code credentials} named when verified, if that is cached, current and not expired; else null. */
    UserPrincipal find(String credentials) {
        if (ttl.isZero()) {
            return null;
        }
        String key = digest(credentials);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.generation != generation.get() || clock.millis() >= entry.expiresAtMillis) {
            entries.remove(key, entry);
            return null;
        }
        return entry.principal;
    }

    /**
     * Remembers that {@code credentials} were verified as {@code principal} by a check that began in generation
     * {@code checkedIn}, until {@code expiresAtMillis} at the latest.
     */
    void remember(String credentials, UserPrincipal principal, long expiresAtMillis, long checkedIn) {
        if (ttl.isZero()) {
            return;
        }
        long now = clock.millis();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(entry -> now >= entry.expiresAtMillis || entry.generation != generation.get());
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(digest(credentials), new Entry(principal, Math.min(expiresAtMillis, now + ttl.toMillis()),
                checkedIn));
    }

    /** Forgets everything verified so far, as when the credentials file changed. */
    void clear() {
        generation.incrementAndGet();
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
