package dev.streamlog.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers every answer of the gateway carries, set before anything else runs so an error answer has
 * them too: {@code X-Content-Type-Options: nosniff} on every answer (a browser never guesses a type from an API
 * body), and on the console's pages ({@code /ui}) a {@code Content-Security-Policy} that allows only the console's
 * own scripts, styles and API calls and no framing ({@value #CONSOLE_POLICY}), with {@code X-Frame-Options: DENY}
 * and {@code Referrer-Policy: no-referrer} for browsers that predate it. Stateless.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String CONSOLE_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none';"
            + " form-action 'self'; object-src 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/ui") || path.startsWith("/ui/")) {
            response.setHeader("Content-Security-Policy", CONSOLE_POLICY);
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
        }
        chain.doFilter(request, response);
    }
}
