package dev.streamlog.storage.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.client.fixtures.TestClusterSignature;
import dev.streamlog.client.security.ClusterTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LeaderConnection} against a real TCP server on 127.0.0.1 that answers each request with a scripted text. */
class LeaderConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String THEN_CLOSE = "<then close>";

    private ServerSocket server;
    private Thread serving;
    /**
     * The raw answers, one per request, in order: {@code CLOSE} closes the connection instead of answering, and an
     * answer ending in {@link #THEN_CLOSE} (not sent) closes it after answering.
     */
    private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int connections;
    private final LeaderConnection connection = new LeaderConnection(TestClusterSignature.signature(),
            ClusterTls.PLAIN, TIMEOUT);

    @BeforeEach
    void serve() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serving = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    connections++;
                    answerAll(socket);
                } catch (IOException | InterruptedException closed) {
                    return;
                }
            }
        });
        serving.setDaemon(true);
        serving.start();
    }

    private void answerAll(Socket socket) throws IOException, InterruptedException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        while (true) {
            String request = readRequest(in);
            if (request == null) {
                return;
            }
            requests.add(request);
            String answer = answers.poll(10, TimeUnit.SECONDS);
            if (answer == null || answer.equals("CLOSE")) {
                return;
            }
            out.write(answer.replace(THEN_CLOSE, "").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (answer.endsWith(THEN_CLOSE)) {
                return;
            }
        }
    }

    /** The head and body of one request (by its Content-Length), or null at the end of the connection. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(text.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
        serving.join(5_000);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private LeaderConnection.Answer post(String body) throws IOException {
        return connection.post(base(), "/internal/v1/replica-fetches", "application/x-test",
                body.getBytes(StandardCharsets.US_ASCII), 1024, TIMEOUT);
    }

    @Test
    void sendsOneRequestAndReadsTheAnswerByItsLengthOnOneKeptConnection() throws IOException {
        answers.add("HTTP/1.1 200 OK\r\nContent-Type: x\r\nContent-Length: 5\r\n\r\nhello");
        answers.add("HTTP/1.1 409 \r\nContent-Length: 6\r\n\r\nfenced");

        LeaderConnection.Answer first = post("abc");
        LeaderConnection.Answer second = post("defg");

        assertThat(first.status()).isEqualTo(200);
        assertThat(new String(first.body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(second.status()).isEqualTo(409);
        assertThat(new String(second.body(), StandardCharsets.US_ASCII)).isEqualTo("fenced");
        assertThat(connections).isEqualTo(1);
        assertThat(requests.get(0)).startsWith("POST /internal/v1/replica-fetches HTTP/1.1\r\n")
                .contains("Content-Type: application/x-test\r\n").endsWith("\r\n\r\nabc");
        assertThat(requests.get(1)).endsWith("\r\n\r\ndefg");
    }

    @Test
    void readsChunksAndSkipsAnInterimAnswer() throws IOException {
        answers.add("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n");

        LeaderConnection.Answer answer = post("x");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.US_ASCII)).isEqualTo("abcde");
    }

    @Test
    void connectsAgainAfterTheLeaderClosedOrCutAnAnswerShort() throws IOException {
        answers.add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok" + THEN_CLOSE);
        answers.add("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort" + THEN_CLOSE);
        answers.add("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nwhole");

        assertThat(post("a").body()).containsExactly('o', 'k');
        assertThatThrownBy(() -> post("b")).isInstanceOf(IOException.class).hasMessageContaining("5 of 10");
        assertThat(new String(post("c").body(), StandardCharsets.US_ASCII)).isEqualTo("whole");
        assertThat(connections).isEqualTo(3);
    }

    @Test
    void refusesAnAnswerLargerThanTheBoundBeforeReadingIt() {
        answers.add("HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\n\r\n");

        assertThatThrownBy(() -> post("a")).isInstanceOf(IOException.class)
                .hasMessageContaining("announces 2000000000 bytes, more than the 1024");
    }

    @Test
    void refusesWhatIsNotHttp() {
        answers.add("SSH-2.0-OpenSSH\r\n\r\n");

        assertThatThrownBy(() -> post("a")).isInstanceOf(IOException.class)
                .hasMessageContaining("not an HTTP/1.1 status line");
    }

    @Test
    void anExchangeEndsAtItsTimeoutWhenTheLeaderDoesNotAnswer() {
        assertThatThrownBy(() -> connection.post(base(), "/x", "application/x-test", new byte[1], 1024,
                Duration.ofMillis(300))).isInstanceOf(SocketTimeoutException.class);
        answers.add("CLOSE");
    }

    @Test
    void abortFromAnotherThreadEndsAnExchangeWaitingForItsAnswer() throws Exception {
        CompletableFuture<LeaderConnection.Answer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return post("a");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Awaitility.await("the request at the leader").atMost(TIMEOUT).until(() -> requests.size() == 1);

        connection.abort();

        assertThatThrownBy(waiting::join).hasCauseInstanceOf(UncheckedIOException.class)
                .satisfies(failure -> assertThat(failure.getCause().getCause())
                        .isNotInstanceOf(SocketTimeoutException.class));
        answers.add("CLOSE");
    }

    @Test
    void refusesABaseUrlThatIsNotPlainHttp() {
        assertThatThrownBy(() -> connection.post("https://127.0.0.1:1", "/x", "a/b", new byte[0], 1, TIMEOUT))
                .isInstanceOf(IOException.class).hasMessageContaining("must be http://host:port");
    }
}
