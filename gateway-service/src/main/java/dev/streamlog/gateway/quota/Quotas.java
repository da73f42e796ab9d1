package dev.streamlog.gateway.quota;

import dev.streamlog.gateway.auth.UserPrincipal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Every principal's quotas on this gateway: a {@link RateBucket} per principal and limited quota, filled at the
 * principal's limit divided by the live gateways (each gateway enforces its share; {@link #gateways}), created when
 * the principal first calls. A principal whose bucket is in debt is refused for as long as the debt lasts. Meters,
 * per user and quota: {@code streamlog.quota.used} (bytes or requests let through) and
 * {@code streamlog.quota.throttled} (requests refused). At most {@value #MAX_BUCKETS} buckets (and their meters)
 * are kept; beyond, they start over (their debts forgiven, their meters removed). With authentication off every
 * caller is {@code User:ANONYMOUS} and shares one bucket of each quota. Thread-safe.
 */
public class Quotas {

    static final int MAX_BUCKETS = 100_000;

    /** A principal's quota of one type. */
    private record Key(String user, QuotaType type) {
    }

    /** A bucket and its meters. */
    private record Entry(RateBucket bucket, double limit, Counter used, Counter throttled) {
    }

    private final QuotaProperties properties;
    private final MeterRegistry meters;
    private final LongSupplier nanoTime;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private volatile int gateways = 1;

    public Quotas(QuotaProperties properties, MeterRegistry meters, LongSupplier nanoTime) {
        this.properties = properties;
        this.meters = meters;
        this.nanoTime = nanoTime;
    }

    /** The live gateways, whose number divides each limit (at least 1). */
    public void gateways(int live) {
        int count = Math.max(1, live);
        if (count != gateways) {
            gateways = count;
            long now = nanoTime.getAsLong();
            entries.values().forEach(entry -> entry.bucket().rate(entry.limit() / count, now));
        }
    }

    /** How long {@code caller} must wait before using quota {@code type} again: 0 for now (or no limit). */
    public long waitNanos(UserPrincipal caller, QuotaType type) {
        Entry entry = entry(caller, type);
        if (entry == null) {
            return 0;
        }
        long wait = entry.bucket().debtNanos(nanoTime.getAsLong());
        if (wait > 0) {
            entry.throttled().increment();
        }
        return wait;
    }

    /**
     * Takes {@code amount} from {@code caller}'s quota {@code type} (nothing when it has none) and says how long,
     * in nanoseconds, the caller is now in debt (0: not), for a stream that slows itself down.
     */
    public long use(UserPrincipal caller, QuotaType type, long amount) {
        Entry entry = entry(caller, type);
        if (entry == null || amount <= 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        entry.bucket().take(amount, now);
        entry.used().increment(amount);
        return entry.bucket().debtNanos(now);
    }

    /** {@code caller}'s limit of {@code type} on this gateway, per second; null for none. */
    public Double share(UserPrincipal caller, QuotaType type) {
        Double limit = properties.limit(caller.name(), type);
        return limit == null ? null : limit / gateways;
    }

    private Entry entry(UserPrincipal caller, QuotaType type) {
        Key key = new Key(caller.name(), type);
        Entry known = entries.get(key);
        if (known != null) {
            return known;
        }
        Double limit = properties.limit(caller.name(), type);
        if (limit == null) {
            return null;
        }
        if (entries.size() >= MAX_BUCKETS) {
            entries.values().forEach(old -> {
                meters.remove(old.used());
                meters.remove(old.throttled());
            });
            entries.clear();
        }
        return entries.computeIfAbsent(key, k -> new Entry(new RateBucket(limit / gateways, nanoTime.getAsLong()),
                limit,
                Counter.builder("streamlog.quota.used").baseUnit(type.unit()).tag("user", caller.getName())
                        .tag("quota", type.tag()).description("what a principal's quota let through").register(meters),
                Counter.builder("streamlog.quota.throttled").tag("user", caller.getName()).tag("quota", type.tag())
                        .description("requests refused because the principal was over its quota").register(meters)));
    }
}
