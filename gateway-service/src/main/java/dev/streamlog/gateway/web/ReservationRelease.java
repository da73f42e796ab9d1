package dev.streamlog.gateway.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives a request's share of the {@link RequestMemory} back once its answer is complete, following it through
 * every async cycle (the body reader's, then Spring MVC's). Thread-safe: the release happens once.
 */
final class ReservationRelease implements AsyncListener {

    private final RequestMemory.Reservation reservation;
    private final AtomicBoolean released = new AtomicBoolean();

    ReservationRelease(RequestMemory.Reservation reservation) {
        this.reservation = reservation;
    }

    /** Releases now (a request answered without an async cycle). */
    void release() {
        if (released.compareAndSet(false, true)) {
            reservation.release();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        release();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
    }

    @Override
    public void onError(AsyncEvent event) {
    }

    /** A later async cycle of the same request: keep following it to its end. */
    @Override
    public void onStartAsync(AsyncEvent event) {
        event.getAsyncContext().addListener(this);
    }
}
