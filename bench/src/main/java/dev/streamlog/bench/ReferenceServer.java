package dev.streamlog.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reference (a) of {@code bin/bench reference}: the HTTP ceiling of the stack the gateway is built on. A Spring
 * Boot application (Tomcat, Spring MVC) whose produce routes read the whole request body, discard it and answer a
 * fixed small JSON, as cheaply as this stack can; its connections, as the gateway's, serve any number of requests.
 * Started as its own JVM by {@link Bench}
 * ({@code reference-server --server.port=N}). Stateless.
 */
@SpringBootApplication
public class ReferenceServer {

    static void start(String[] args) {
        SpringApplication.run(ReferenceServer.class, args);
    }

    /** The discarding produce routes. */
    @RestController
    static class DiscardingController {

        private static final byte[] ANSWER = "{\"offsets\":[]}".getBytes(StandardCharsets.US_ASCII);

        @PostMapping({"/topics/{topic}", "/topics/{topic}/partitions/{partition}"})
        ResponseEntity<byte[]> discard(InputStream body) throws IOException {
            body.transferTo(OutputStream.nullOutputStream());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ANSWER);
        }
    }
}
