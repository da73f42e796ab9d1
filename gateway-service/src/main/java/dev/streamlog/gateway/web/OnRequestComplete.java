package dev.streamlog.gateway.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an action once when a request's answer is complete, following the request through every async cycle it
 * goes through (the body reader's, then Spring MVC's: a listener that does not add itself to the new cycle hears
 * nothing more). Thread-safe: the action runs at most once.
 */
public final class OnRequestComplete implements AsyncListener {

    private final Runnable action;
    private final AtomicBoolean done = new AtomicBoolean();

    public OnRequestComplete(Runnable action) {
        this.action = action;
    }

    /** Runs the action now, unless it ran already (a request answered without an async cycle). */
    public void run() {
        if (done.compareAndSet(false, true)) {
            action.run();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        run();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
    }

    @Override
    public void onError(AsyncEvent event) {
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        event.getAsyncContext().addListener(this);
    }
}
