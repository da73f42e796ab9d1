package dev.streamlog.storage.replica;

import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.client.security.ClusterTls;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A follower's keep-alive HTTP/1.1 connection to one leader's storage node, for the replica fetches of its
 * {@link FetchSession}: one blocking exchange at a time on the caller's thread, written in one write and read
 * straight into the answer's array (past the head, which comes through a 16 KiB buffer). A follower sends one fetch
 * at a time to a leader, so nothing here needs the JDK client's selector thread and hand-offs, which cost a context
 * switch or two per exchange and a third of a storage node's CPU under replication.
 *
 * <p>An answer is read by its {@code Content-Length} or its chunks, up to a bound checked before anything is
 * allocated; the whole exchange has a deadline (each read waits at most until it). Any failure (refused, timed
 * out, malformed, cut short) closes the socket, and the next exchange connects again; so does a leader that
 * answers {@code Connection: close} or moved to another address. Each request carries the cluster's
 * {@link ClusterSignature}; the connection is TLS when {@link ClusterTls} is on (the leader's URL is then
 * {@code https}, and a plain {@code http} one is refused), else plain HTTP.
 *
 * <p>Not thread-safe: one exchange at a time (the session's thread); only {@link #abort} may be called from another
 * thread.
 */
final class LeaderConnection implements AutoCloseable {

    private static final int MAX_HEAD = 16 << 10;
    private static final int BUFFER = 16 << 10;

    private final ClusterSignature signature;
    private final ClusterTls tls;
    private final Duration connectTimeout;
    private String baseUrl;
    /** The {@code Host} header of the node connected to. */
    private String host;
    /** Volatile for {@link #abort}, which closes it from another thread. */
    private volatile Socket socket;
    private InputStream in;
    private OutputStream out;
    /** Bytes read from the socket and not yet taken: {@code buffer[position, limit)}. */
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;

    /** A status and body. */
    record Answer(int status, byte[] body) {
    }

    /**
     * @param signature      signs each request as a call from a member of the cluster
     * @param tls            how members of the cluster connect
     * @param connectTimeout the bound on connecting (and on the TLS handshake)
     */
    LeaderConnection(ClusterSignature signature, ClusterTls tls, Duration connectTimeout) {
        this.signature = signature;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
    }

    /**
     * POSTs {@code body} to {@code path} of the node at {@code baseUrl} and reads the answer.
     *
     * @param maxBody the largest answer body taken; a longer one fails the exchange
     * @param timeout the whole exchange's bound, connecting included
     * @throws IOException when the exchange fails or takes longer than {@code timeout}
     */
    Answer post(String baseUrl, String path, String contentType, byte[] body, long maxBody, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            connect(baseUrl, deadline);
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\n" + ClusterSignature.HEADER + ": " + signature.sign("POST", path, null)
                    + "\r\nContent-Type: " + contentType + "\r\nAccept: */*\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            out.write(request);
            out.flush();
            return read(maxBody, deadline);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect(String baseUrl, long deadline) throws IOException {
        if (socket != null && baseUrl.equals(this.baseUrl) && !socket.isClosed()) {
            return;
        }
        close();
        URI base = tls.check(URI.create(baseUrl));
        if (!tls.scheme().equals(base.getScheme()) || base.getHost() == null || base.getPort() < 0) {
            throw new IOException("a leader's base URL must be " + tls.scheme() + "://host:port, not " + baseUrl);
        }
        Socket connected = new Socket();
        socket = connected; // so abort() can cut the connect and the TLS handshake short
        try {
            connected.setTcpNoDelay(true);
            connected.connect(new InetSocketAddress(base.getHost(), base.getPort()),
                    (int) Math.max(1, Math.min(connectTimeout.toMillis(), remainingMillis(deadline))));
            connected.setSoTimeout(remainingMillis(deadline)); // bounds each read of the handshake
            Socket ready = tls.connect(connected, base.getHost(), base.getPort());
            socket = ready;
            in = ready.getInputStream();
            out = ready.getOutputStream();
            position = 0;
            limit = 0;
        } catch (IOException | RuntimeException e) {
            connected.close();
            throw e;
        }
        this.baseUrl = baseUrl;
        this.host = base.getHost() + ":" + base.getPort();
    }

    private Answer read(long maxBody, long deadline) throws IOException {
        int status;
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        do {
            String statusLine = line(deadline);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.1 status line: " + printable(statusLine));
            }
            status = number(parts[1], "status");
            closeAfter = parts[0].equals("HTTP/1.0");
            for (String header = line(deadline); !header.isEmpty(); header = line(deadline)) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("a header without a name: " + printable(header));
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = number(value, "Content-Length");
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
        } while (status / 100 == 1);
        byte[] body;
        if (chunked) {
            body = chunks(maxBody, deadline);
        } else if (length >= 0) {
            if (length > maxBody) {
                throw new IOException("the answer announces " + length + " bytes, more than the " + maxBody
                        + " a fetch may answer");
            }
            body = exactly((int) length, deadline);
        } else {
            throw new IOException("an answer with neither Content-Length nor chunks");
        }
        if (closeAfter) {
            close();
        }
        return new Answer(status, body);
    }

    private byte[] chunks(long maxBody, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(deadline);
            int extension = size.indexOf(';');
            long chunk;
            try {
                chunk = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("not a chunk size: " + printable(size));
            }
            if (chunk < 0 || body.size() + chunk > maxBody) {
                throw new IOException("the answer's chunks exceed the " + maxBody + " bytes a fetch may answer");
            }
            if (chunk == 0) {
                while (!line(deadline).isEmpty()) {
                    // trailers are not used
                }
                return body.toByteArray();
            }
            body.write(exactly((int) chunk, deadline));
            if (!line(deadline).isEmpty()) {
                throw new IOException("a chunk not followed by CRLF");
            }
        }
    }

    private byte[] exactly(int length, long deadline) throws IOException {
        byte[] body = new byte[length];
        int read = Math.min(length, limit - position);
        System.arraycopy(buffer, position, body, 0, read);
        position += read;
        while (read < length) {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(body, read, length - read);
            if (n < 0) {
                throw new EOFException("the answer ended after " + read + " of " + length + " bytes");
            }
            read += n;
        }
        return body;
    }

    /** One line without its CRLF, at most {@value #MAX_HEAD} bytes. */
    private String line(long deadline) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit) {
                socket.setSoTimeout(remainingMillis(deadline));
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    throw new EOFException("the connection closed inside an answer's head");
                }
                position = 0;
                limit = n;
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_HEAD) {
                throw new IOException("an answer's line is longer than " + MAX_HEAD + " bytes");
            }
            line.append((char) (b & 0xff));
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("the fetch took longer than its timeout");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static int number(String text, String what) throws IOException {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException("not a " + what + ": " + printable(text));
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /**
     * Closes the socket from any thread, so that an exchange blocked reading it fails at once (a blocking socket
     * read does not end on an interrupt); the owning thread then cleans up as after any failure.
     */
    void abort() {
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }
    }

    /** Closes the socket; the next exchange connects again. */
    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }
        socket = null;
        in = null;
        out = null;
        position = 0;
        limit = 0;
    }
}
