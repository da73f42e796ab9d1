package dev.streamlog.controller;

import dev.streamlog.client.fixtures.TestClusterSignature;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the controller's integration tests share: a bounded HTTP client signing as a member of the cluster (the
 * controllers start with {@link #SECRET_ARGUMENT}), free ports, JSON int arrays. Stateless.
 */
public final class ItSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The command-line argument that gives a controller the tests' cluster secret. */
    public static final String SECRET_ARGUMENT = "--streamlog.cluster.secret=" + TestClusterSignature.SECRET;

    private ItSupport() {
    }

    /** Sends the request with a 30 s timeout, signed as a member of the cluster; the body as text. */
    public static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return HTTP.send(TestClusterSignature.signed(request.timeout(Duration.ofSeconds(30)).build()),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The ints of a JSON array. */
    public static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asInt()));
        return values;
    }

    /** A loopback port free right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
