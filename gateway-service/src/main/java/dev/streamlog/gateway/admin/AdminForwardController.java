package dev.streamlog.gateway.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The v3 admin API ({@code /v3/**}, every method), which the active controller serves: the request is read (within
 * the body cap) and forwarded with the path the gateway matched ({@link AdminPath}), its query, body, content type
 * and accepted types, and the host, scheme and port the client addressed (no other header of the client's); a topic created or
 * grown is answered once this gateway's metadata shows it ({@link TopicArrival}). Answers asynchronously.
 * Stateless.
 */
@RestController
class AdminForwardController {

    private final ControllerForwarder forwarder;
    private final TopicArrival arrival;

    AdminForwardController(ControllerForwarder forwarder, TopicArrival arrival) {
        this.forwarder = forwarder;
        this.arrival = arrival;
    }

    @RequestMapping("/v3/**")
    CompletableFuture<ResponseEntity<?>> forward(HttpServletRequest request) throws IOException {
        String query = request.getQueryString();
        byte[] body = request.getInputStream().readAllBytes();
        ForwardedRequest forwarded = new ForwardedRequest(request.getMethod(),
                AdminPath.of(request) + (query == null ? "" : "?" + query), body,
                request.getHeader(HttpHeaders.CONTENT_TYPE), request.getHeader(HttpHeaders.ACCEPT),
                request.getServerName(), request.getScheme(), request.getServerPort());
        return forwarder.forward(forwarded).thenCompose(answer -> arrival.after(forwarded, answer));
    }
}
