package dev.streamlog.support.security;

import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.model.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes a service's routes to callers that are not members of its cluster: every request except those to
 * {@code /actuator/**} (health for orchestrators, metrics for scrapers) and the probes {@code /livez} and
 * {@code /readyz} must carry a valid {@link ClusterSignature}
 * for its method, path and query as received; any other is answered 401 with error code 40101, a message saying
 * what was wrong and {@code WWW-Authenticate: Streamlog-Signature}, before any handler or body reading runs.
 * Storage nodes, controllers and coordinators take it with {@code @Import(InternalRoutesGuard.class)}; the gateway,
 * whose routes are the public API, does not. Stateless.
 */
@Configuration(proxyBeanMethods = false)
@Import(ClusterSecretConfiguration.class)
public class InternalRoutesGuard {

    @Bean
    FilterRegistrationBean<SignatureFilter> internalRoutesSignatureFilter(ClusterSignature signature) {
        FilterRegistrationBean<SignatureFilter> registration = new FilterRegistrationBean<>(
                new SignatureFilter(signature));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** The filter itself. Thread-safe. */
    static final class SignatureFilter extends OncePerRequestFilter {

        private final ClusterSignature signature;

        SignatureFilter(ClusterSignature signature) {
            this.signature = signature;
        }

        /**
         * Only actuator requests and the probes pass unsigned: both the path as received and the one the servlet
         * container resolved (dot segments removed, decoded) must be under {@code /actuator} or be a probe, so
         * neither {@code /actuator/../internal/...} nor a forwarded prefix that makes another route look like one
         * gets by.
         */
        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return open(request.getRequestURI()) && open(request.getServletPath()
                    + (request.getPathInfo() == null ? "" : request.getPathInfo()));
        }

        private static boolean open(String path) {
            return path != null && (path.equals("/actuator") || path.startsWith("/actuator/")
                    || path.equals("/livez") || path.equals("/readyz"));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            ClusterSignature.Verdict verdict = signature.verify(request.getMethod(), request.getRequestURI(),
                    request.getQueryString(), request.getHeader(ClusterSignature.HEADER));
            if (verdict == ClusterSignature.Verdict.VALID) {
                chain.doFilter(request, response);
                return;
            }
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", ClusterSignature.HEADER);
            response.setContentType("application/json");
            byte[] body = ("{\"error_code\":" + ErrorCode.NOT_AUTHENTICATED.code() + ",\"message\":\"an internal"
                    + " route, for the members of this cluster only: " + verdict.reason() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
