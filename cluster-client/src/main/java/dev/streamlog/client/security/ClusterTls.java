package dev.streamlog.client.security;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How the members of one cluster reach each other: in plain HTTP ({@link #PLAIN}), or over TLS ({@link #using}),
 * trusting the cluster's CA and, unless told not to, checking that each peer's certificate names the host it was
 * reached on (the host a storage node, coordinator or controller advertised). Without that check, any certificate
 * the cluster's CA issued is taken as a member's: fine for a CA that issues to the cluster's members alone (as the
 * Helm chart's, whose pods advertise addresses no certificate can name in advance), not for a shared one.
 *
 * <p>With TLS on, a member sends nothing in the clear: its HTTP clients ({@link #httpClient}) and sockets
 * ({@link #connect}) refuse an {@code http} URL, so a peer that was left without TLS is an error in the logs, not a
 * silent plain-text hop.
 *
 * <p>Membership itself is proven by the {@link ClusterSignature} every call carries, with or without TLS; TLS adds
 * what a signature cannot: the bodies' confidentiality and integrity, and the peer's identity.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClusterTls {

    /** No TLS: members call each other on {@code http} URLs. */
    public static final ClusterTls PLAIN = new ClusterTls(null, false);

    /** The context of every handshake; null for {@link #PLAIN}. */
    private final SSLContext context;
    private final boolean verifyHostname;

    private ClusterTls(SSLContext context, boolean verifyHostname) {
        this.context = context;
        this.verifyHostname = verifyHostname;
    }

    /**
     * TLS with {@code context} (its trust material is the cluster's CA, its key, if any, this member's), checking
     * that each peer's certificate names the host called.
     */
    public static ClusterTls using(SSLContext context) {
        return new ClusterTls(Objects.requireNonNull(context, "context"), true);
    }

    /**
     * TLS with {@code keys} (this member's) and {@code trust} (the cluster's CA), taking any certificate {@code trust}
     * accepts whatever host it names: for a CA that issues to the cluster's members alone.
     */
    public static ClusterTls withoutHostnameCheck(KeyManager[] keys, TrustManager[] trust) {
        TrustManager[] anyName = new TrustManager[trust.length];
        for (int i = 0; i < trust.length; i++) {
            anyName[i] = trust[i] instanceof X509TrustManager x509 ? new AnyNameTrustManager(x509) : trust[i];
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, anyName, null);
            return new ClusterTls(context, false);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    /** Whether members call each other over TLS. */
    public boolean enabled() {
        return context != null;
    }

    /** The scheme of the URLs this member advertises and calls: {@code https} with TLS on, else {@code http}. */
    public String scheme() {
        return enabled() ? "https" : "http";
    }

    /**
     * The client {@code builder} makes, with this member's TLS: the cluster's context and host name checks, and a
     * refusal of any {@code http} request. Unchanged for {@link #PLAIN}.
     */
    public HttpClient httpClient(HttpClient.Builder builder) {
        if (!enabled()) {
            return builder.build();
        }
        return new TlsOnlyHttpClient(builder.sslContext(context).sslParameters(parameters()).build());
    }

    /**
     * Checks that {@code url} may be called from this member: any URL in plain mode, only {@code https} with TLS on.
     *
     * @throws IOException naming the URL, when this member would send in the clear
     */
    public URI check(URI url) throws IOException {
        return enabled() ? requireHttps(url) : url;
    }

    /** {@code url} if it is {@code https}; else an {@link IOException} naming it. */
    static URI requireHttps(URI url) throws IOException {
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            throw new IOException("TLS between the services of this cluster is on (streamlog.cluster.tls.bundle),"
                    + " so this service does not call " + url.getScheme() + "://" + url.getAuthority()
                    + " in the clear: turn TLS on for that service too");
        }
        return url;
    }

    /**
     * The socket to talk to {@code host:port} on, over {@code connected}: itself in plain mode, else a TLS socket on
     * it whose handshake is done (bounded by {@code connected}'s read timeout) and whose peer proved it is
     * {@code host} (or, without host name checks, holds a certificate of the cluster's CA).
     *
     * @throws IOException when the handshake fails; {@code connected} is then closed
     */
    public Socket connect(Socket connected, String host, int port) throws IOException {
        if (!enabled()) {
            return connected;
        }
        SSLSocket secured = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, true);
        try {
            secured.setSSLParameters(parameters());
            secured.startHandshake();
            return secured;
        } catch (IOException | RuntimeException e) {
            secured.close();
            throw e;
        }
    }

    /**
     * The context's defaults, checking that the peer's certificate names the host called (as HTTPS does) or, without
     * host name checks, only that the cluster's CA issued it.
     */
    private SSLParameters parameters() {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
        return parameters;
    }
}
