package dev.streamlog.gateway.admin;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * The path an admin request is forwarded to the controller with: the request's path as the servlet container
 * resolved it (decoded, dot segments and parameters removed), each segment encoded again, which must start with
 * {@code /v3/}. Never the raw request URI: Spring MVC matches routes against the raw path, so {@code
 * /v3/../internal/v1/topics} matches {@code /v3/**}, while the controller's container would resolve it to an
 * internal route. A path whose raw or decoded form has dot segments or parameters ({@code ;}, also encoded as
 * {@code %3B}) is refused outright (400), and no header (such as {@code X-Forwarded-Prefix}) takes part. Stateless.
 */
final class AdminPath {

    private static final String PREFIX = "/v3/";
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private AdminPath() {
    }

    /**
     * @throws ApiException 400/40001 for a raw path with dot segments or parameters; 404/404 if the resolved path
     *                      is not under {@code /v3/}
     */
    static String of(HttpServletRequest request) {
        String raw = PATHS.getPathWithinApplication(request);
        String matched = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!raw.equals(matched) || request.getRequestURI().contains(";")) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "the path must not contain dot segments or parameters: "
                    + request.getRequestURI());
        }
        if (!matched.startsWith(PREFIX)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no such route: " + matched);
        }
        StringBuilder path = new StringBuilder();
        for (String segment : matched.substring(1).split("/", -1)) {
            // whatever rewrote or decoded the path before, a dot segment or a ';' (which the controller would take
            // for matrix parameters, cutting the segment short) never reaches the controller
            if (segment.equals(".") || segment.equals("..") || segment.indexOf(';') >= 0) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "the path must not contain dot segments or"
                        + " parameters: " + request.getRequestURI());
            }
            path.append('/').append(UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
        }
        return path.toString();
    }
}
