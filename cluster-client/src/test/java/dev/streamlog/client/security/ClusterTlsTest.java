package dev.streamlog.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.streamlog.client.fixtures.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterTlsTest {

    private static final TestCertificates CA = new TestCertificates("cluster-ca");
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final ClusterTls tls = ClusterTls.using(CA.trustingContext());
    private ServerSocket server;

    @AfterEach
    void closeServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void plainCallsHttpAndLeavesSocketsAlone() throws Exception {
        assertThat(ClusterTls.PLAIN.enabled()).isFalse();
        assertThat(ClusterTls.PLAIN.scheme()).isEqualTo("http");
        URI url = URI.create("http://127.0.0.1:9091/internal/v1/x");
        assertThat(ClusterTls.PLAIN.check(url)).isSameAs(url);
        try (Socket socket = new Socket()) {
            assertThat(ClusterTls.PLAIN.connect(socket, "127.0.0.1", 1)).isSameAs(socket);
        }
    }

    @Test
    void withTlsOnNoPlainUrlIsCalledAndNothingIsSent() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout(200);
        URI plain = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/internal/v1/replica-fetches");
        assertThat(tls.scheme()).isEqualTo("https");
        assertThatThrownBy(() -> tls.check(plain)).isInstanceOf(IOException.class)
                .hasMessageContaining("does not call http://127.0.0.1:" + server.getLocalPort() + " in the clear")
                .hasMessageContaining("streamlog.cluster.tls.bundle");

        HttpClient client = tls.httpClient(HttpClient.newBuilder().connectTimeout(BOUND));
        HttpRequest request = HttpRequest.newBuilder(plain).timeout(BOUND).build();
        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IOException.class).hasMessageContaining("in the clear");
        CompletableFuture<HttpResponse<Void>> async = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        assertThatThrownBy(() -> async.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(server::accept).as("no connection was made").isInstanceOf(SocketTimeoutException.class);
        assertThat(client.sslContext()).isNotNull();
        assertThat(client.connectTimeout()).contains(BOUND);
    }

    @Test
    void aSocketIsSecuredAgainstAPeerWhoseCertificateNamesTheHostCalled() throws Exception {
        SSLServerSocket secure = serve(CA);
        CompletableFuture<Integer> echoed = CompletableFuture.supplyAsync(() -> echoOneByte(secure));
        try (Socket plain = connectedTo(secure)) {
            Socket socket = tls.connect(plain, "127.0.0.1", secure.getLocalPort());
            assertThat(socket).isInstanceOf(SSLSocket.class);
            OutputStream out = socket.getOutputStream();
            out.write(42);
            out.flush();
            assertThat(socket.getInputStream().read()).isEqualTo(42);
            socket.close();
        }
        assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo(42);
    }

    @Test
    void aPeerWithAnotherCasCertificateOrAnotherNameFailsTheHandshake() throws Exception {
        SSLServerSocket stranger = serve(new TestCertificates("another-ca"));
        CompletableFuture.runAsync(() -> echoOneByte(stranger));
        try (Socket plain = connectedTo(stranger)) {
            assertThatThrownBy(() -> tls.connect(plain, "127.0.0.1", stranger.getLocalPort()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
        SSLServerSocket misnamed = serve(CA);
        CompletableFuture.runAsync(() -> echoOneByte(misnamed));
        try (Socket plain = connectedTo(misnamed)) {
            assertThatThrownBy(() -> tls.connect(plain, "storage-9.example", misnamed.getLocalPort()))
                    .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("storage-9.example");
        }
    }

    @Test
    void withoutHostnameChecksAnyCertificateOfTheClustersCaIsAMembersAndNoOtherCasIs() throws Exception {
        // 127.0.0.2 is loopback too, but the certificates name 127.0.0.1 and localhost only
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 1);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(CA)));
        https.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        https.start();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.2:" + https.getAddress().getPort()
                    + "/livez")).timeout(BOUND).build();
            HttpClient checking = tls.httpClient(HttpClient.newBuilder().connectTimeout(BOUND));
            assertThatThrownBy(() -> checking.send(request, HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(SSLHandshakeException.class);

            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore(CA));
            HttpClient member = ClusterTls.withoutHostnameCheck(null, trust.getTrustManagers())
                    .httpClient(HttpClient.newBuilder().connectTimeout(BOUND));
            assertThat(member.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);

            TrustManagerFactory other = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            other.init(trustStore(new TestCertificates("another-ca")));
            HttpClient stranger = ClusterTls.withoutHostnameCheck(null, other.getTrustManagers())
                    .httpClient(HttpClient.newBuilder().connectTimeout(BOUND));
            assertThatThrownBy(() -> stranger.send(request, HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(SSLHandshakeException.class);
        } finally {
            https.stop(0);
        }
    }

    /** A TLS server socket on loopback with a server certificate {@code ca} issued for 127.0.0.1. */
    private SSLServerSocket serve(TestCertificates ca) throws Exception {
        SSLServerSocket secure = (SSLServerSocket) serverContext(ca).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        secure.setSoTimeout(10_000);
        server = secure;
        return secure;
    }

    /** A server's context with a certificate {@code ca} issued for 127.0.0.1 and localhost. */
    private static SSLContext serverContext(TestCertificates ca) throws Exception {
        TestCertificates.Issued own = ca.server("storage-1");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", own.key(), new char[0], new Certificate[] {own.certificate()});
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    private static KeyStore trustStore(TestCertificates ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.authority());
        return trust;
    }

    private static Socket connectedTo(ServerSocket server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Accepts one connection and echoes one byte back; -1 when the handshake or the read fails. */
    private static int echoOneByte(ServerSocket server) {
        try (Socket accepted = server.accept()) {
            accepted.setSoTimeout(10_000);
            InputStream in = accepted.getInputStream();
            int read = in.read();
            accepted.getOutputStream().write(read);
            accepted.getOutputStream().flush();
            return read;
        } catch (IOException e) {
            return -1;
        }
    }
}
