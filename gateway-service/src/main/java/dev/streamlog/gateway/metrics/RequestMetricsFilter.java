package dev.streamlog.gateway.metrics;

import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.gateway.web.OnRequestComplete;
import dev.streamlog.model.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every public API request from its arrival until its answer is complete (asynchronous answers
 * included) as the timer {@code streamlog.gateway.requests}, tagged {@code api} ({@link ApiRoute}),
 * {@code status} (the HTTP status) and {@code error_code} (the code of the answer's error body, the status's
 * generic code when the body had none, {@code none} for a success; an exception no handler answered counts as
 * 500/50002), with
 * a histogram from 1 ms to 60 s, so Prometheus computes any percentile across gateways
 * ({@code histogram_quantile(0.99, sum by (le, api) (rate(streamlog_gateway_requests_seconds_bucket[1m])))}).
 * Reads ({@code fetch}, {@code consume}) include the long-poll wait their {@code timeout} asks for. Actuator
 * requests and the probes ({@code /livez}, {@code /readyz}) are not counted. Ordered before the body filter, so
 * what it refuses (413, 408, 429) is counted too, and the time a body takes to arrive is part of its request's.
 *
 * <p>Thread-safe (timers are cached in a concurrent map).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestMetricsFilter extends OncePerRequestFilter {

    static final String TIMER = "streamlog.gateway.requests";

    private record Key(ApiRoute route, int status, String errorCode) {
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    RequestMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.startsWith("/actuator") || uri.equals("/livez") || uri.equals("/readyz");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        ApiRoute route = ApiRoute.of(request.getMethod(), request.getRequestURI());
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            record(route, ErrorCode.INTERNAL_ERROR.httpStatus(), ErrorCode.INTERNAL_ERROR.code(), start);
            throw e;
        }
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new OnRequestComplete(() -> record(route, request, response, start)));
        } else {
            record(route, request, response, start);
        }
    }

    private void record(ApiRoute route, HttpServletRequest request, HttpServletResponse response, long start) {
        int status = response.getStatus();
        Object code = request.getAttribute(ErrorResponses.ERROR_CODE_ATTRIBUTE);
        record(route, status, code instanceof Integer known ? known
                : status >= 400 ? ErrorCode.forHttpStatus(status).code() : null, start);
    }

    private void record(ApiRoute route, int status, Integer code, long start) {
        String errorCode = code == null ? "none" : code.toString();
        timers.computeIfAbsent(new Key(route, status, errorCode), key -> Timer.builder(TIMER)
                        .description("Public API requests, from arrival to a complete answer")
                        .tag("api", key.route().tag())
                        .tag("status", Integer.toString(key.status()))
                        .tag("error_code", key.errorCode())
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(60))
                        .register(registry))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
