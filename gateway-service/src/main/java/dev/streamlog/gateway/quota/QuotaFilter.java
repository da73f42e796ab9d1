package dev.streamlog.gateway.quota;

import dev.streamlog.gateway.auth.UserPrincipal;
import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.ErrorCode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UrlPathHelper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds every public request to its caller's quotas ({@link Quotas}), after authentication and once its body is in
 * (the body filter runs first): a caller in debt on the request quota, or on the byte quota of the route (produce:
 * {@code POST /topics/{t}[/partitions/{p}]}, {@code POST /v3/…/topics/{t}/records[:batch]}; fetch:
 * {@code GET} (or {@code HEAD}) {@code /topics/{t}/partitions/{p}/records} and
 * {@code /consumers/{g}/instances/{i}/records}; each path as Spring MVC matches it, decoded) is answered
 * 429/42901 with {@code Retry-After} (whole seconds until the debt is paid, at least 1) and nothing is done.
 * Otherwise the request counts one against the request quota and a produce its body's length against the produce
 * quota (a streamed body, which the body filter does not read, is counted as its handler reads it); a fetch's answer
 * counts against the fetch quota as it is written. Each request is held once, on whichever dispatch first reaches
 * this filter with its body. The probes ({@code /livez}, {@code /readyz}) are held to nothing. Stateless; thread-safe.
 */
public final class QuotaFilter implements Filter {

    private static final String HELD = QuotaFilter.class.getName() + ".held";
    /** The orchestrator's probes, which no quota holds. */
    private static final Set<String> PROBES = Set.of("/livez", "/readyz");
    private static final Pattern PRODUCE = Pattern.compile(
            "/topics/[^/]+(/partitions/[^/]+)?|/v3/clusters/[^/]+/topics/[^/]+/records(:batch)?");
    private static final Pattern FETCH = Pattern.compile(
            "/topics/[^/]+/partitions/[^/]+/records|/consumers/[^/]+/instances/[^/]+/records");

    /**
     * The path as Spring MVC matches routes: decoded, {@code ;} parameters removed (so {@code /%74opics/t} and
     * {@code /topics;x/t} count as {@code /topics/t}).
     */
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    static {
        PATHS.setUrlDecode(true);
        PATHS.setRemoveSemicolonContent(true);
    }

    private final Quotas quotas;
    private final JsonMapper json;

    public QuotaFilter(Quotas quotas, JsonMapper json) {
        this.quotas = quotas;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (request.getAttribute(HELD) != null || PROBES.contains(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(HELD, Boolean.TRUE);
        UserPrincipal caller = UserPrincipal.of(request);
        QuotaType route = route(request);
        long wait = quotas.waitNanos(caller, QuotaType.REQUEST);
        QuotaType over = QuotaType.REQUEST;
        if (wait == 0 && route != null) {
            wait = quotas.waitNanos(caller, route);
            over = route;
        }
        if (wait > 0) {
            refuse(request, response, caller, over, wait);
            return;
        }
        quotas.use(caller, QuotaType.REQUEST, 1);
        if (route == QuotaType.PRODUCE) {
            quotas.use(caller, QuotaType.PRODUCE, Math.max(0, request.getContentLengthLong()));
        }
        chain.doFilter(request, route == QuotaType.FETCH
                ? new CountedResponse(response, bytes -> quotas.use(caller, QuotaType.FETCH, bytes)) : response);
    }

    /** The quota a request's route counts bytes against, by its path as Spring MVC matches it. */
    private static QuotaType route(HttpServletRequest request) {
        String path = PATHS.getPathWithinApplication(request);
        String method = request.getMethod();
        if (method.equals("POST") && PRODUCE.matcher(path).matches()) {
            return QuotaType.PRODUCE;
        }
        if ((method.equals("GET") || method.equals("HEAD")) && FETCH.matcher(path).matches()) {
            return QuotaType.FETCH;
        }
        return null;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, UserPrincipal caller,
                        QuotaType over, long waitNanos) throws IOException {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        ErrorResponses.write(request, response, json, ErrorCode.TOO_MANY_REQUESTS, caller + " is over its "
                + over.tag() + " quota (" + String.format(Locale.ROOT, "%.0f", quotas.share(caller, over)) + " "
                + over.unit() + "/s on this gateway); retry after " + seconds + " s");
    }

    /** A response whose body's bytes are counted as they are written. */
    private static final class CountedResponse extends HttpServletResponseWrapper {

        private final LongConsumer written;
        private ServletOutputStream out;

        CountedResponse(HttpServletResponse response, LongConsumer written) {
            super(response);
            this.written = written;
        }

        @Override
        public synchronized ServletOutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new CountedStream(super.getOutputStream(), written);
            }
            return out;
        }
    }

    /** Counts what passes through to the container's stream. */
    private static final class CountedStream extends ServletOutputStream {

        private final ServletOutputStream out;
        private final LongConsumer written;

        CountedStream(ServletOutputStream out, LongConsumer written) {
            this.out = out;
            this.written = written;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written.accept(1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            written.accept(length);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
