package dev.streamlog.it.kit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A streamed v3 produce over a raw socket, driven as Confluent's streaming example
 * ({@code examples/produce_v3/python/streaming_produce_v3_main.py} in confluentinc/kafka-rest) drives it: a chunked
 * request whose records are sent one chunk at a time while the reports ({@code \r\n}-terminated JSON in a chunked
 * answer) are read in between. Every read waits at most the timeout given. Not thread-safe.
 */
public final class RecordStream implements Closeable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean ended;

    private RecordStream(Socket socket, int status, Map<String, String> headers, InputStream in) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = in;
        this.status = status;
        this.headers = headers;
    }

    /**
     * Sends the request's head ({@code POST target}, chunked, {@code contentType}) and reads the answer's head, which
     * a stream sends at once (within {@code timeout}).
     */
    public static RecordStream open(int port, String target, String contentType, Duration timeout)
            throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.getOutputStream().write(("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        return new RecordStream(socket, Integer.parseInt(statusLine.split(" ")[1]), headers, in);
    }

    /** The answer's status. */
    public int status() {
        return status;
    }

    /** The answer's headers, names in lower case. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Sends {@code records} (JSON text) as one chunk. */
    public void send(String records) throws IOException {
        byte[] bytes = records.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The next report, or null once the answer ended. */
    public JsonNode nextReport() throws IOException {
        while (true) {
            byte[] bytes = pending.toByteArray();
            for (int i = 0; i + 1 < bytes.length; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    pending.reset();
                    pending.write(bytes, i + 2, bytes.length - i - 2);
                    return Http.json().readTree(new String(bytes, 0, i, StandardCharsets.UTF_8));
                }
            }
            if (ended || !readChunk()) {
                return null;
            }
        }
    }

    /** Ends the request's body and returns the reports still to come, until the answer ends. */
    public List<JsonNode> finish() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        List<JsonNode> reports = new ArrayList<>();
        for (JsonNode report = nextReport(); report != null; report = nextReport()) {
            reports.add(report);
        }
        return reports;
    }

    /** Reads one chunk of the answer into {@link #pending}; false at the last chunk. */
    private boolean readChunk() throws IOException {
        if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            pending.write(in.readAllBytes());
            ended = true;
            return pending.size() > 0;
        }
        int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
        if (size == 0) {
            line(in);
            ended = true;
            return false;
        }
        pending.write(in.readNBytes(size));
        line(in);
        return true;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the answer ended inside a line: " + line);
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
