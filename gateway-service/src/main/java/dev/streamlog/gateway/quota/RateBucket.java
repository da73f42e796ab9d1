package dev.streamlog.gateway.quota;

/**
 * A token bucket that may go into debt: it fills at {@code rate} per second up to {@value #BURST_SECONDS} seconds'
 * worth, starting empty; use is taken from it whatever its balance (a request's bytes are known only once it came),
 * and while the balance is below zero the principal is refused until it has been paid back, which takes
 * {@code −balance / rate} seconds. Over any long interval the use let through is the rate times the interval plus at
 * most one burst and the requests that were in flight when the debt began (each is let through before its size
 * is taken). Thread-safe (synchronized; one bucket per principal and quota).
 */
final class RateBucket {

    static final double BURST_SECONDS = 2;

    private double rate;
    private double balance;
    private long updatedNanos;

    RateBucket(double rate, long nowNanos) {
        this.rate = rate;
        this.updatedNanos = nowNanos;
    }

    /** The rate from now on (when the gateways' share changes). */
    synchronized void rate(double perSecond, long nowNanos) {
        refill(nowNanos);
        this.rate = perSecond;
    }

    synchronized void take(double amount, long nowNanos) {
        refill(nowNanos);
        balance -= amount;
    }

    /** How long, in nanoseconds, until the balance is back at zero; 0 when it is not in debt. */
    synchronized long debtNanos(long nowNanos) {
        refill(nowNanos);
        return balance >= 0 ? 0 : (long) Math.ceil(-balance / rate * 1e9);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - updatedNanos;
        if (elapsed > 0) {
            balance = Math.min(rate * BURST_SECONDS, balance + rate * elapsed / 1e9);
            updatedNanos = nowNanos;
        }
    }
}
