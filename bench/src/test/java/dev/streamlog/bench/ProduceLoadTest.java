package dev.streamlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A produce load against a local HTTP server that accepts every request and remembers its connections. */
class ProduceLoadTest {

    private static final int CONCURRENCY = 3;
    private static final int RECORDS_PER_REQUEST = 10;

    private final AtomicInteger requests = new AtomicInteger();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/topics/t", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            clientPorts.add(exchange.getRemoteAddress().getPort());
            requests.incrementAndGet();
            byte[] answer = "{\"offsets\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theWarmUpAndTheMeasuredPartRunOnTheSameConnectionsAndOnlyTheMeasuredPartIsCounted() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Target target = new Target("local", List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/topics/t")), "application/json", "{}".getBytes(StandardCharsets.UTF_8), 200,
                RECORDS_PER_REQUEST, 100, null);

        Summary summary = new ProduceLoad(target, CONCURRENCY, new PrintStream(progress, true))
                .run(Duration.ofMillis(1500), Duration.ZERO, 50 * RECORDS_PER_REQUEST);

        assertThat(summary.records()).isEqualTo(50 * RECORDS_PER_REQUEST);
        assertThat(requests.get()).as("requests the warm-up sent, beside the 50 measured")
                .isGreaterThan(50);
        assertThat(clientPorts).as("one connection per producer thread for both parts").hasSize(CONCURRENCY);
        assertThat(summary.errors()).isEmpty();
    }
}
