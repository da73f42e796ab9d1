package dev.streamlog.gateway.admin;

import dev.streamlog.gateway.acl.Access;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The v3 admin API ({@code /v3/**}, every method), which the active controller serves: the request is read (within
 * the body cap) and forwarded with the path the gateway matched ({@link AdminPath}), its query, body, content type
 * and accepted types, and the host, scheme and port the client addressed (no other header of the client's); a topic created or
 * grown is answered once this gateway's metadata shows it ({@link TopicArrival}). The caller's ACLs are checked
 * before anything is forwarded, and lists are cut to what the caller may see ({@link AdminAccess}). Answers
 * asynchronously. Stateless.
 */
@RestController
class AdminForwardController {

    private final ControllerForwarder forwarder;
    private final TopicArrival arrival;
    private final JsonMapper json;

    AdminForwardController(ControllerForwarder forwarder, TopicArrival arrival, JsonMapper json) {
        this.forwarder = forwarder;
        this.arrival = arrival;
        this.json = json;
    }

    @RequestMapping("/v3/**")
    CompletableFuture<ResponseEntity<?>> forward(Access access, HttpServletRequest request) throws IOException {
        String query = request.getQueryString();
        String path = AdminPath.of(request);
        byte[] body = request.getInputStream().readAllBytes();
        AdminAccess rule = AdminAccess.of(request.getMethod(), path, body, json);
        rule.check().require(access);
        ForwardedRequest forwarded = new ForwardedRequest(request.getMethod(),
                path + (query == null ? "" : "?" + query), body,
                request.getHeader(HttpHeaders.CONTENT_TYPE), request.getHeader(HttpHeaders.ACCEPT),
                request.getServerName(), request.getScheme(), request.getServerPort());
        return forwarder.forward(forwarded).thenCompose(answer -> arrival.after(forwarded, answer))
                .thenApply(answer -> rule.filter(answer, access, json));
    }
}
