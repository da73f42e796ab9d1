package dev.streamlog.it.kit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * HTTP/1.1 over a plain socket on loopback, for what a real client would refuse or rewrite:
 * request targets sent byte for byte (a literal {@code /topics/..}), and bodies streamed while
 * the answer is watched (to see a server refuse an oversized body before reading it all).
 * Every socket has connect and read timeouts; each exchange uses its own connection and
 * sends {@code Connection: close}.
 *
 * <p>Stateless; thread-safe.
 */
public final class RawHttp {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int PIECE = 64 * 1024;
    /** Reads the answers of {@link #send}, one thread per exchange in progress. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(
            runnable -> {
                Thread thread = new Thread(runnable, "raw-http-reader");
                thread.setDaemon(true);
                return thread;
            });

    private RawHttp() {
    }

    /** A parsed answer. Header names are lower case. */
    public record RawResponse(int status, Map<String, String> headers, String body) {

        public JsonNode json() {
            return Http.json().readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
        }
    }

    /**
     * The outcome of {@link #upload}.
     *
     * @param response         the answer
     * @param sentWhenAnswered body bytes written when the answer's status line had arrived
     *                         (the whole body if it arrived only after the last byte)
     * @param total            the body size announced or meant to be sent
     * @param writeFailure     why writing stopped early (the server closed the connection), or null
     */
    public record Upload(RawResponse response, long sentWhenAnswered, long total, String writeFailure) {
    }

    /**
     * Sends one request exactly as given and reads the answer.
     *
     * @param port        loopback port
     * @param method      e.g. {@code GET}
     * @param target      the request target, sent unchanged (no encoding, no normalisation)
     * @param contentType the body's media type, or null for no body
     * @param body        the body, or null
     * @param timeout     read timeout for the answer
     */
    public static RawResponse exchange(int port, String method, String target, String contentType, byte[] body,
                                       Duration timeout) throws IOException {
        try (Socket socket = connect(port, timeout)) {
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Accept: application/json\r\n")
                    .append("Connection: close\r\n");
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n")
                        .append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream(), new AtomicBoolean(), () -> { });
        }
    }

    /**
     * Sends {@code request} byte for byte (request line, headers, body: whatever it holds, well-formed or not) on a
     * new connection and reads one answer within {@code timeout}, while still writing: a server that answers
     * before reading everything (a body over its cap) and closes the connection is still heard.
     *
     * @throws IOException when the server closes the connection without an answer or none comes in time
     */
    public static RawResponse send(int port, byte[] request, Duration timeout) throws IOException {
        try (Socket socket = connect(port, timeout)) {
            CompletableFuture<RawResponse> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return read(socket.getInputStream(), new AtomicBoolean(), () -> { });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, READERS);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
            } catch (IOException writeFailed) {
                // The server stopped reading; its answer, if any, is read below.
            }
            try {
                return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof UncheckedIOException io ? io.getCause()
                        : new IOException(e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("no answer within " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /**
     * POSTs a body of {@code total} bytes in 64 KiB pieces (valid JSON as far as it goes: a
     * produce request whose first value is a string that never ends),
     * either with a {@code Content-Length} or chunked, while a reader thread waits for the
     * answer. Writing stops as soon as the answer's status line arrives; once the answer is
     * read the socket is closed, which also ends a write blocked on a server that stopped
     * reading. The whole exchange is bounded by {@code timeout} (then the socket is closed).
     */
    public static Upload upload(int port, String target, String contentType, long total, boolean chunked,
                                Duration timeout) throws IOException {
        Socket socket = connect(port, timeout);
        CompletableFuture.runAsync(() -> closeQuietly(socket),
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try {
            OutputStream out = socket.getOutputStream();
            String head = "POST " + target + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: " + contentType + "\r\n"
                    + "Accept: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + total + "\r\n")
                    + "Connection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            AtomicLong sent = new AtomicLong();
            AtomicLong sentWhenAnswered = new AtomicLong(-1);
            AtomicBoolean answered = new AtomicBoolean();
            InputStream in = socket.getInputStream();
            CompletableFuture<RawResponse> answer = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    answer.complete(read(in, answered, () -> sentWhenAnswered.compareAndSet(-1, sent.get())));
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                } finally {
                    closeQuietly(socket);
                }
            }, "raw-http-reader-" + port);
            reader.setDaemon(true);
            reader.start();

            String writeFailure = null;
            byte[] first = firstPiece();
            byte[] rest = filler();
            try {
                while (sent.get() < total && !answered.get()) {
                    byte[] piece = sent.get() == 0 ? first : rest;
                    int n = (int) Math.min(piece.length, total - sent.get());
                    if (chunked) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(piece, 0, n);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    } else {
                        out.write(piece, 0, n);
                    }
                    sent.addAndGet(n);
                }
                if (sent.get() == total && chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
            } catch (IOException e) {
                writeFailure = e.toString();
            }
            try {
                RawResponse response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                long whenAnswered = sentWhenAnswered.get() < 0 ? sent.get() : sentWhenAnswered.get();
                return new Upload(response, whenAnswered, total, writeFailure);
            } catch (ExecutionException e) {
                throw new IOException("no answer after writing " + sent.get() + " of " + total + " bytes"
                        + (writeFailure == null ? "" : " (writing failed: " + writeFailure + ")"), e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("no answer within " + timeout + " after writing " + sent.get() + " of " + total
                        + " bytes", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        } finally {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    private static Socket connect(int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The body's first piece: the start of a produce request whose one value never ends, then filler. */
    private static byte[] firstPiece() {
        byte[] piece = filler();
        byte[] prefix = "{\"records\":[{\"value\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, piece, 0, prefix.length);
        return piece;
    }

    private static byte[] filler() {
        byte[] piece = new byte[PIECE];
        Arrays.fill(piece, (byte) 'x');
        return piece;
    }

    /** Reads one answer; sets {@code statusSeen} and runs {@code onStatus} once the status line is in. */
    private static RawResponse read(InputStream in, AtomicBoolean statusSeen, Runnable onStatus) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        onStatus.run();
        statusSeen.set(true);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunkedBody(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] chunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers are read and dropped
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    throw new EOFException("connection closed");
                }
                break;
            }
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
