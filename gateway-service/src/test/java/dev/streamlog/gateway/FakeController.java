package dev.streamlog.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a controller on a real loopback HTTP server: answers every request 200 with a JSON echo of what it
 * received (method, raw path and query, body, content type, {@code X-Forwarded-*}) and a {@code Location} header,
 * or, once told to, answers the next request 503/50003 as a standby would after running a hook. Thread-safe.
 */
final class FakeController implements AutoCloseable {

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicReference<Runnable> standbyOnce = new AtomicReference<>();

    FakeController() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request runs {@code hook}, then is refused 503 as by a standby. */
    void standbyOnce(Runnable hook) {
        standbyOnce.set(hook);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Runnable hook = standbyOnce.getAndSet(null);
            if (hook != null) {
                hook.run();
                respond(exchange, 503, Map.of("error_code", 50003, "message", "standby; the active one is elsewhere"));
                return;
            }
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("served_by", url());
            echo.put("method", exchange.getRequestMethod());
            echo.put("path", exchange.getRequestURI().getRawPath());
            echo.put("query", exchange.getRequestURI().getRawQuery());
            echo.put("body", new String(body, StandardCharsets.UTF_8));
            echo.put("content_type", exchange.getRequestHeaders().getFirst("Content-Type"));
            echo.put("forwarded_host", exchange.getRequestHeaders().getFirst("X-Forwarded-Host"));
            echo.put("forwarded_proto", exchange.getRequestHeaders().getFirst("X-Forwarded-Proto"));
            echo.put("forwarded_port", exchange.getRequestHeaders().getFirst("X-Forwarded-Port"));
            exchange.getResponseHeaders().set("Location", url() + "/v3/created");
            respond(exchange, exchange.getRequestMethod().equals("POST") ? 201 : 200, echo);
        }
    }

    private void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
