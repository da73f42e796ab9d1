package dev.streamlog.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The v3 produce in streaming mode ({@code bin/bench produce --api v3 --stream}): {@code concurrency} streams, each
 * one chunked request on its own connection, held open for the whole run. Each stream sends the target's body (its
 * records as concatenated JSON) as one chunk after another, with at most {@link #CHUNKS_IN_FLIGHT} chunks whose
 * reports have not all come back, while a second thread reads the reports as they come. A record counts as
 * acknowledged when its report's {@code error_code} is 200; a chunk's latency runs from its sending to its last
 * report. Prints a progress line every second. Every socket read has a timeout.
 *
 * <p>Not thread-safe: one {@link #run} at a time (the load itself is multi-threaded).
 */
final class StreamLoad {

    /** Chunks a stream has sent whose reports are not all in, at most. */
    static final int CHUNKS_IN_FLIGHT = 8;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern ERROR_CODE = Pattern.compile("\"error_code\"\\s*:\\s*(\\d+)");

    private final Target target;
    private final int concurrency;
    private final PrintStream progress;

    StreamLoad(Target target, int concurrency, PrintStream progress) {
        this.target = target;
        this.concurrency = concurrency;
        this.progress = progress;
    }

    /** Runs for {@code duration}, or until {@code recordBudget} records were acknowledged when it is above 0. */
    Summary run(Duration duration, long recordBudget) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(2 * concurrency + 1);
        LongAdder acknowledged = new LongAdder();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        AtomicLong budget = new AtomicLong(recordBudget > 0 ? recordBudget : Long.MAX_VALUE);
        long start = System.nanoTime();
        long deadline = start + (recordBudget > 0 ? Duration.ofHours(1) : duration).toNanos();
        try {
            List<Future<Latencies>> streams = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                URI uri = target.uris().get(i % target.uris().size());
                streams.add(pool.submit(() -> stream(uri, pool, deadline, budget, acknowledged, errors)));
            }
            Future<?> reporter = pool.submit(() -> Progress.print(progress, target.name(), start, acknowledged,
                    errors));
            List<Latencies> latencies = new ArrayList<>();
            for (Future<Latencies> stream : streams) {
                latencies.add(stream.get());
            }
            reporter.cancel(true);
            double seconds = (System.nanoTime() - start) / 1e9;
            long records = acknowledged.sum();
            return Summary.of(target.name() + " streamed", seconds, records,
                    records * (double) target.payloadBytesPerRequest() / target.recordsPerRequest() / 1e6,
                    Latencies.merged(latencies), errors);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a stream failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** One stream: sends chunks until the deadline or the budget, then ends the body and waits for the reports. */
    private Latencies stream(URI uri, ExecutorService pool, long deadline, AtomicLong budget, LongAdder acknowledged,
                             Map<String, LongAdder> errors) throws Exception {
        int records = target.recordsPerRequest();
        Semaphore inFlight = new Semaphore(CHUNKS_IN_FLIGHT);
        ConcurrentLinkedQueue<Long> sent = new ConcurrentLinkedQueue<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nContent-Type: "
                    + target.contentType() + "\r\n" + GatewayRequests.headerLine()
                    + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Future<Latencies> reports = pool.submit(() -> reports(socket.getInputStream(), records, inFlight, sent,
                    acknowledged, errors));
            byte[] head = (Integer.toHexString(target.body().length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = "\r\n".getBytes(StandardCharsets.US_ASCII);
            while (System.nanoTime() < deadline && budget.getAndAdd(-records) > 0) {
                if (!inFlight.tryAcquire(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("no reports for " + READ_TIMEOUT.toSeconds() + " s");
                }
                sent.add(System.nanoTime());
                out.write(head);
                out.write(target.body());
                out.write(tail);
                out.flush();
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reports.get();
        }
    }

    /** Reads the answer: its head, then the reports of each chunk, until the answer ends. */
    private static Latencies reports(InputStream socket, int recordsPerChunk, Semaphore inFlight,
                                     ConcurrentLinkedQueue<Long> sent, LongAdder acknowledged,
                                     Map<String, LongAdder> errors) throws IOException {
        InputStream in = new BufferedInputStream(socket, 64 * 1024);
        String status = line(in);
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            // the answer's headers: 200, chunked
        }
        if (!status.contains(" 200")) {
            throw new IOException("the stream was refused: " + status);
        }
        Latencies latencies = new Latencies();
        StringBuilder report = new StringBuilder();
        int reportsOfChunk = 0;
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
            byte[] chunk = in.readNBytes(size);
            line(in);
            for (byte b : chunk) {
                if (b != '\n') {
                    report.append((char) b);
                    continue;
                }
                count(report, acknowledged, errors);
                report.setLength(0);
                if (++reportsOfChunk == recordsPerChunk) {
                    reportsOfChunk = 0;
                    Long sentAt = sent.poll();
                    if (sentAt != null) {
                        latencies.add(System.nanoTime() - sentAt);
                    }
                    inFlight.release();
                }
            }
        }
        return latencies;
    }

    private static void count(CharSequence report, LongAdder acknowledged, Map<String, LongAdder> errors) {
        Matcher code = ERROR_CODE.matcher(report);
        String value = code.find() ? code.group(1) : "unreadable";
        if (value.equals("200")) {
            acknowledged.increment();
        } else {
            errors.computeIfAbsent(value, key -> new LongAdder()).increment();
        }
    }

    private static int chunkSize(InputStream in) throws IOException {
        int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
        if (size == 0) {
            line(in);
        }
        return size;
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
}
