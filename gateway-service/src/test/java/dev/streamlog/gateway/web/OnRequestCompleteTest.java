package dev.streamlog.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.AsyncEvent;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The action runs once, at the end of the request's last async cycle, never at the end of an earlier one. */
class OnRequestCompleteTest {

    private final AtomicInteger runs = new AtomicInteger();
    private final OnRequestComplete listener = new OnRequestComplete(runs::incrementAndGet);

    @Test
    void followsTheRequestIntoItsNextAsyncCycleAndRunsWhenThatOneCompletes() {
        MockAsyncContext bodyRead = newCycle();
        bodyRead.addListener(listener);
        MockAsyncContext springMvc = newCycle();

        listener.onStartAsync(new AsyncEvent(springMvc));
        assertThat(runs).hasValue(0);

        springMvc.complete();
        assertThat(runs).hasValue(1);
    }

    @Test
    void runsOnceWhenCalledDirectlyAndThenHearsTheCompletion() {
        MockAsyncContext cycle = newCycle();
        cycle.addListener(listener);

        listener.run();
        cycle.complete();
        listener.run();

        assertThat(runs).hasValue(1);
    }

    @Test
    void aTimeoutOrErrorAloneDoesNotRunIt() {
        MockAsyncContext cycle = newCycle();
        listener.onTimeout(new AsyncEvent(cycle));
        listener.onError(new AsyncEvent(cycle, new IllegalStateException("connection reset")));

        assertThat(runs).hasValue(0);
    }

    private static MockAsyncContext newCycle() {
        return new MockAsyncContext(new MockHttpServletRequest(), new MockHttpServletResponse());
    }
}
