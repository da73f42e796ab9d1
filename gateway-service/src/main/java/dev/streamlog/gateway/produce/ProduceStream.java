package dev.streamlog.gateway.produce;

import dev.streamlog.gateway.format.ObjectFramer;
import dev.streamlog.gateway.format.RecordStreamReader;
import dev.streamlog.gateway.format.StreamedRecord;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.RequestMemory;
import dev.streamlog.model.v3.ProduceReport;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed v3 produce, full duplex as in Confluent's streaming mode: the client keeps sending records in a
 * chunked body while it reads their reports. The body is read with the servlet container's non-blocking reads, so
 * a stream waits for its client without holding any thread and without a read timeout (a client may wait for a
 * report as long as a produce takes); it is cut into records ({@link ObjectFramer}), and all the records the
 * connection holds at a time (up to 1 MiB) are sent as one produce, so a fast client's records are batched and a
 * slow one's go one by one. The writer, one thread
 * of the streams' pool, writes each produce's reports as soon as they are in, in the order the records came, and
 * flushes whenever it has caught up. The answer is 200 and starts at once; everything after that is in-band.
 *
 * <p>Bounds: at most {@link #IN_FLIGHT} produces unanswered (then reading pauses, and TCP slows the client, until
 * the writer catches up); every record's bytes (three times) taken from the request memory until its report is
 * written (a record the pool cannot hold gets 429 in-band); a record larger than {@code max-request-size}, or a
 * value that is not an object, ends the stream with a 400 report (it cannot be cut further); a stream that runs
 * longer than {@code max-stream-duration} ends with a 408 report. A stream that ended early reads no more of its
 * body: the container closes the connection after the last report instead of reading the rest. A client that sends
 * no byte for {@code server.tomcat.connection-timeout} is cut by the container (a pending non-blocking read waits
 * that long at most), also while a report is still on its way; whitespace between records keeps a quiet stream
 * open. The stream
 * ends when the client ends its body, and the answer once every report is written.
 *
 * <p>Thread-safe: reading runs under the stream's monitor (from the container's read callbacks, or from the writer
 * when it resumes a paused read); the reader and the writer share only the queue and the {@link #closed} flag.
 */
final class ProduceStream implements ReadListener {

    private static final Logger log = LoggerFactory.getLogger(ProduceStream.class);
    /** Produces read and not yet answered, at most. */
    static final int IN_FLIGHT = 64;
    private static final int READ_BYTES = 64 * 1024;
    /** The most record bytes one produce of a stream gathers before it is sent. */
    private static final int BATCH_BYTES = 1 << 20;
    /** What a queued produce's reports are waited for, at most: each produce is bounded by its own timeouts. */
    private static final Duration REPORT_WAIT = Duration.ofMinutes(2);

    private final AsyncContext async;
    private final ServletInputStream in;
    private final RecordsProduceService produce;
    private final RecordsProduceService.Stream stream;
    private final RequestMemory memory;
    private final long deadline;
    private final Duration maxDuration;
    /** Produces in order, then {@link #end}; room for {@link #IN_FLIGHT} produces, a last report and the end. */
    private final BlockingQueue<Pending> produces = new ArrayBlockingQueue<>(IN_FLIGHT + 4);
    /** The end of the queue: the reader reads no more. */
    private final Pending end = new Pending(0, CompletableFuture.completedFuture(List.of()));
    private final ObjectFramer framer;
    private final RequestMemory.Reservation framing;
    private final byte[] buffer = new byte[READ_BYTES];
    /** Records read and not sent yet: all the connection holds now, up to {@link #BATCH_BYTES}. */
    private List<byte[]> batch = new ArrayList<>();
    private long batchFirst;
    private long batchBytes;
    private long charged;
    /** Reading waits for the writer to catch up. */
    private boolean paused;
    private boolean ended;
    private volatile boolean closed;

    /**
     * @param async          the request's async context, the answer not started
     * @param produce        produces each read's records
     * @param stream         the stream's destination and charset, checked
     * @param memory         the pool records are taken from
     * @param maxRecordBytes the largest record accepted
     * @param maxDuration    how long the stream may run
     */
    ProduceStream(AsyncContext async, RecordsProduceService produce, RecordsProduceService.Stream stream,
                  RequestMemory memory, int maxRecordBytes, Duration maxDuration) throws IOException {
        this.async = async;
        this.in = async.getRequest().getInputStream();
        this.produce = produce;
        this.stream = stream;
        this.memory = memory;
        this.maxDuration = maxDuration;
        this.deadline = System.nanoTime() + maxDuration.toNanos();
        this.framer = new ObjectFramer(maxRecordBytes);
        this.framing = memory.reserve();
    }

    /** Starts reading: from now on the container calls back as the body comes. */
    void start() {
        in.setReadListener(this);
    }

    /** Stops the stream (the client went away, or the container ended the request). */
    void close() {
        closed = true;
        synchronized (this) {
            finish(null);
        }
    }

    @Override
    public void onDataAvailable() {
        pump();
    }

    @Override
    public synchronized void onAllDataRead() {
        if (framer.inObject()) {
            finish(failed(400, "the body ends inside record " + framer.objects()));
        } else if (framer.objects() == 0) {
            finish(failed(400, "the stream had no records; send them as JSON objects {\"key\":{…},\"value\":{…}}"));
        } else {
            finish(null);
        }
    }

    @Override
    public void onError(Throwable failure) {
        log.debug("produce stream: the body could not be read: {}", failure.toString());
        close();
    }

    /**
     * Reads what the connection holds, while the writer keeps up: each read's records are queued as one produce.
     * Returns when nothing more is there (the container calls back when there is), when too many produces are
     * unanswered (the writer calls back when it took one), or when the stream ended.
     */
    synchronized void pump() {
        try {
            while (!ended && !closed) {
                if (batchBytes >= BATCH_BYTES || (!batch.isEmpty() && !in.isReady())) {
                    send();
                }
                if (produces.size() >= IN_FLIGHT) {
                    paused = true;
                    return;
                }
                if (!in.isReady()) {
                    return;
                }
                int read = in.read(buffer);
                if (read < 0) {
                    return;
                }
                take(read);
            }
        } catch (IOException | UncheckedIOException e) {
            log.debug("produce stream: the body could not be read: {}", e.toString());
            closed = true;
            finish(null);
        }
    }

    /** Queues the records gathered as one produce. */
    private void send() {
        if (!batch.isEmpty()) {
            produces.add(produce(batch, batchFirst));
            batch = new ArrayList<>();
            batchBytes = 0;
        }
    }

    /** The writer took a produce: a paused read goes on. */
    private void resume() {
        synchronized (this) {
            if (!paused) {
                return;
            }
            paused = false;
        }
        pump();
    }

    /** Frames one read's bytes into the batch; ends the reading when the stream cannot go on. */
    private void take(int read) {
        if (System.nanoTime() > deadline) {
            finish(failed(408, "the stream has been open for " + maxDuration.toSeconds()
                    + " s (streamlog.gateway.max-stream-duration); it ends here"));
            return;
        }
        if (batch.isEmpty()) {
            batchFirst = framer.objects();
        }
        for (byte[] record : framer.feed(buffer, 0, read)) {
            batch.add(record);
            batchBytes += record.length;
        }
        if (framer.failure() != null) {
            finish(failed(400, framer.failure()));
        } else if (framer.buffered() > charged) {
            if (framing.take(framer.buffered() - charged)) {
                charged = framer.buffered();
            } else {
                finish(failed(429, "the gateway has no memory for record " + framer.objects()
                        + " now; the stream ends here, retry from it"));
            }
        }
    }

    /** Queues {@code last} (if any) and the end, once; the caller holds the monitor. */
    private void finish(Pending last) {
        if (ended) {
            return;
        }
        ended = true;
        if (!closed) {
            send();
        }
        if (last != null) {
            produces.add(last);
        }
        framing.release();
        produces.add(end);
    }

    /**
     * Parses and produces one read's records; their bytes are held from the pool until their reports are in. The
     * pending produce always completes with one report per record.
     */
    private Pending produce(List<byte[]> records, long first) {
        long bytes = 0;
        for (byte[] record : records) {
            bytes += record.length;
        }
        int count = records.size();
        RequestMemory.Reservation share = memory.reserve();
        try {
            share.require(bytes * 3);
            List<StreamedRecord> parsed = RecordStreamReader.readEach(records, stream.charset(), first, share);
            CompletableFuture<List<ProduceReport>> reports = produce.reports(stream.destination(), parsed, first,
                    share);
            share.holdUntil(reports);
            return new Pending(count, reports.handle((done, failure) -> done != null ? done
                    : Collections.nCopies(count, failure(failure))));
        } catch (ApiException e) {
            return new Pending(count, CompletableFuture.completedFuture(Collections.nCopies(count, failure(e))));
        } finally {
            share.release();
        }
    }

    /** The report of a record whose produce failed as a whole. */
    private static ProduceReport failure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ApiException api) {
            return ProduceReport.failed(api.errorCode().httpStatus(), api.getMessage());
        }
        log.warn("produce stream: a produce failed", cause);
        return ProduceReport.failed(500, "the produce failed; retry");
    }

    private static Pending failed(int code, String message) {
        return new Pending(1, CompletableFuture.completedFuture(List.of(ProduceReport.failed(code, message))));
    }

    /** The writer: writes every queued produce's reports in order until the end; then completes the answer. */
    void write() {
        try {
            ServletOutputStream out = async.getResponse().getOutputStream();
            async.getResponse().flushBuffer();
            while (!closed) {
                Pending next = produces.poll(1, TimeUnit.SECONDS);
                if (next == end) {
                    break;
                }
                if (next != null) {
                    resume();
                    for (ProduceReport report : next.reports()) {
                        produce.write(report, out);
                    }
                    if (produces.isEmpty()) {
                        out.flush();
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.debug("produce stream: the reports could not be written: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            try {
                async.complete();
            } catch (IllegalStateException alreadyOver) {
                log.debug("produce stream: the request was over already");
            }
        }
    }

    /** A produce of {@code count} records read and not yet answered. */
    private record Pending(int count, CompletableFuture<List<ProduceReport>> produced) {

        /** Its reports, once in (each produce is bounded by its own timeouts; this wait is only a backstop). */
        List<ProduceReport> reports() throws InterruptedException {
            try {
                return produced.get(REPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return Collections.nCopies(count, ProduceReport.failed(503,
                        "no answer from the partitions' leaders in time; retry"));
            }
        }
    }
}
