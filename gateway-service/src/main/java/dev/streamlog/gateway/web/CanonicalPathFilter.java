package dev.streamlog.gateway.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Serves the paths Confluent's clients use that Spring would not match as the route they mean: a path with a
 * trailing slash as the path without it ({@code …/instances/i/offsets/}, which Confluent's own tests send), and the
 * {@code /kafka} prefix Confluent Server and Confluent Cloud put before the v3 API ({@code /kafka/v3/clusters/…}) as
 * {@code /v3/clusters/…}. Ordered first, so every filter after it, the routes and the request metrics see the one
 * path, and no filter can be passed by adding a slash or the prefix. Stateless.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CanonicalPathFilter extends OncePerRequestFilter {

    private static final String KAFKA_PREFIX = "/kafka";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String canonical = canonical(path);
        if (canonical.equals(path)) {
            chain.doFilter(request, response);
            return;
        }
        // A path parsed before this filter (as MockMvc does) is the old one: parse again from the new, then restore.
        RequestPath parsed = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request) : null;
        ServletRequestPathUtils.clearParsedRequestPath(request);
        try {
            chain.doFilter(new Rewritten(request, canonical), response);
        } finally {
            if (parsed != null) {
                ServletRequestPathUtils.setParsedRequestPath(parsed, request);
            }
        }
    }

    /** Also on the dispatch that writes an asynchronous answer, which a test container makes with the original path. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    /** The path a request for {@code path} (after the context path) is served as. */
    static String canonical(String path) {
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        String canonical = path.substring(0, end);
        if (canonical.startsWith(KAFKA_PREFIX + "/v3/")) {
            canonical = canonical.substring(KAFKA_PREFIX.length());
        }
        return canonical;
    }

    /** The request with its path replaced (but in a forward, which has its own); everything else is the original's. */
    private static final class Rewritten extends HttpServletRequestWrapper {

        private final String uri;
        private final String path;

        Rewritten(HttpServletRequest request, String path) {
            super(request);
            this.uri = request.getContextPath() + path;
            this.path = path;
        }

        private boolean forwarded() {
            return getDispatcherType() == DispatcherType.FORWARD;
        }

        @Override
        public String getRequestURI() {
            return forwarded() ? super.getRequestURI() : uri;
        }

        @Override
        public StringBuffer getRequestURL() {
            if (forwarded()) {
                return super.getRequestURL();
            }
            StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName());
            if (getServerPort() > 0) {
                url.append(':').append(getServerPort());
            }
            return url.append(uri);
        }

        @Override
        public String getServletPath() {
            return forwarded() ? super.getServletPath() : path;
        }

        @Override
        public String getPathInfo() {
            return forwarded() ? super.getPathInfo() : null;
        }
    }
}
