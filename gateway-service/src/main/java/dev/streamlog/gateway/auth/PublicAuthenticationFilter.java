package dev.streamlog.gateway.auth;

import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates every public request before a handler runs or its body is read: the {@code Authorization} header's
 * {@code Basic} credentials or {@code Bearer} token, or (without such a header) the client certificate the TLS
 * handshake verified, whichever the deployment takes, name the {@link UserPrincipal} the handlers see. A request without credentials, with a scheme not taken, or with
 * credentials that do not check is answered 401/40101 with a {@code WWW-Authenticate} challenge per method taken
 * ({@code Basic realm="streamlog"}; {@code Bearer realm="streamlog"}, with RFC 6750's {@code error="invalid_token"}
 * when a token was refused). Only the orchestrator's probes ({@code GET /livez} and {@code /readyz}; the actuator
 * listens on a management port of its own) and CORS preflights (which browsers send without credentials), all
 * without a body, pass without. With authentication off, every request's principal is
 * {@link UserPrincipal#ANONYMOUS}. Stateless.
 */
final class PublicAuthenticationFilter extends OncePerRequestFilter {

    static final String REALM = "streamlog";
    private static final Set<String> PROBES = Set.of("/livez", "/readyz");

    /** Where the servlet container puts the client certificate chain a TLS handshake verified. */
    static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final BasicAuthenticator basic;
    private final BearerAuthenticator bearer;
    private final CertificateAuthenticator certificate;
    private final JsonMapper json;

    /** Any authenticator may be null: that method is not taken. All null: authentication is off. */
    PublicAuthenticationFilter(BasicAuthenticator basic, BearerAuthenticator bearer,
                               CertificateAuthenticator certificate, JsonMapper json) {
        this.basic = basic;
        this.bearer = bearer;
        this.certificate = certificate;
        this.json = json;
    }

    /** Re-reads the Basic credentials file if it changed (nothing when Basic is not taken). */
    void reloadCredentials() {
        if (basic != null) {
            basic.reloadIfChanged();
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (basic == null && bearer == null && certificate == null) {
            UserPrincipal.ANONYMOUS.attachTo(request);
            chain.doFilter(request, response);
            return;
        }
        if (open(request)) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        try {
            authenticate(header, request.getAttribute(CERTIFICATES)).attachTo(request);
        } catch (AuthenticationFailure failure) {
            refuse(request, response, failure, header);
            return;
        }
        chain.doFilter(request, response);
    }

    /** A probe ({@code GET} or {@code HEAD}) or a CORS preflight, without a body: nothing to read, nothing to tell. */
    private static boolean open(HttpServletRequest request) {
        boolean probe = PROBES.contains(request.getRequestURI())
                && (request.getMethod().equals("GET") || request.getMethod().equals("HEAD"));
        return (probe || CorsUtils.isPreFlightRequest(request)) && request.getContentLengthLong() <= 0
                && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
    }

    /** By the {@code Authorization} header when there is one, else by the client certificate, if taken. */
    private UserPrincipal authenticate(String header, Object certificates) throws AuthenticationFailure {
        if (header == null && certificate != null && certificates instanceof X509Certificate[] chain
                && chain.length > 0) {
            return certificate.authenticate(chain);
        }
        if (header == null) {
            throw AuthenticationFailure.unauthenticated("this API needs credentials: " + taken());
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String rest = space < 0 ? "" : header.substring(space + 1);
        if (basic != null && scheme.equalsIgnoreCase("Basic")) {
            return basic.authenticate(rest);
        }
        if (bearer != null && scheme.equalsIgnoreCase("Bearer")) {
            return bearer.authenticate(rest);
        }
        throw AuthenticationFailure.unauthenticated("the Authorization header's scheme is not taken here: "
                + taken());
    }

    private String taken() {
        List<String> ways = new ArrayList<>();
        if (basic != null) {
            ways.add("Basic credentials");
        }
        if (bearer != null) {
            ways.add("a Bearer token");
        }
        if (certificate != null) {
            ways.add("a client certificate (TLS)");
        }
        return String.join(" or ", ways);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, AuthenticationFailure failure,
                        String header) throws IOException {
        if (failure.code() == ErrorCode.NOT_AUTHENTICATED) {
            if (basic != null) {
                response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            }
            if (bearer != null) {
                boolean tokenRefused = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
                response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\""
                        + (tokenRefused ? ", error=\"invalid_token\", error_description=\""
                        + quotable(failure.getMessage()) + "\"" : ""));
            }
        }
        ErrorResponses.write(request, response, json, failure.code(), failure.getMessage());
    }

    /** {@code text} with what a quoted header value cannot hold (quotes, backslashes, control characters) replaced. */
    static String quotable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c == '"' || c == '\\' || c < 0x20 || c > 0x7e ? '\'' : c);
        }
        return out.toString();
    }
}
