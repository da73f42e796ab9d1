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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed v3 produce, full duplex as in Confluent's streaming mode: the client keeps sending records in a
 * chunked body while it reads their reports. The body is read with the servlet container's non-blocking reads, in a
 * drain loop that never blocks and that one thread runs at a time (the container's read callbacks, or a container
 * thread the writer asks for when it resumes a paused read); it is cut into records ({@link ObjectFramer}), and all
 * the records the connection holds at a time (up to 1 MiB or {@link #BATCH_RECORDS}) are sent as one produce, so a
 * fast client's records are batched and a slow one's go one by one. The writer, one thread of the streams' pool,
 * writes each produce's reports in the order the records came, and flushes whenever the next produce is not done
 * yet. The answer is 200 and starts at once; everything after that is in-band.
 *
 * <p>Bounds: at most {@link #IN_FLIGHT} produces queued (then reading pauses, and TCP slows the client, until the
 * writer catches up); every record's bytes (three times) and its report's room taken from the request memory until
 * its report is written (a produce the pool cannot hold gets 429 reports), and the framer's buffer while it holds a
 * record begun; a record larger than {@code max-request-size}, or a value that is not an object, ends the stream
 * with a 400 report (it cannot be cut further); a stream that runs longer than {@code max-stream-duration} ends with
 * a 408 report. A stream that ended early reads no more of its body: the container closes the connection after the
 * last report instead of reading the rest. A client that sends no byte for {@code server.tomcat.connection-timeout}
 * is cut by the container (a pending non-blocking read waits that long at most), also while a report is still on its
 * way; whitespace between records keeps a quiet stream open. The stream ends when the client ends its body, and the
 * answer once every report is written.
 *
 * <p>Thread-safe: the reading state belongs to whichever thread runs the drain loop ({@link #wip}); the reader and
 * the writer share the queue, the flags and the response, which the writer and the container's error callbacks
 * touch only under {@link #response}.
 */
final class ProduceStream implements ReadListener {

    private static final Logger log = LoggerFactory.getLogger(ProduceStream.class);
    /** Produces queued and not yet written, at most. */
    static final int IN_FLIGHT = 64;
    private static final int READ_BYTES = 64 * 1024;
    /** The most record bytes one produce of a stream gathers before it is sent. */
    private static final int BATCH_BYTES = 1 << 20;
    /** The most records one produce of a stream gathers before it is sent. */
    static final int BATCH_RECORDS = 10_000;
    /** What a report is taken to hold in memory until it is written: its object and JSON, about. */
    private static final long REPORT_BYTES = 256;
    /** What a queued produce's reports are waited for, at most: each produce is bounded by its own timeouts. */
    private static final Duration REPORT_WAIT = Duration.ofMinutes(2);

    private final AsyncContext async;
    private final ServletInputStream in;
    private final RecordsProduceService produce;
    private final RecordsProduceService.Stream stream;
    private final RequestMemory memory;
    private final long deadline;
    private final Duration maxDuration;
    /** Produces in order, then {@link #end}: at most {@link #IN_FLIGHT}, a batch, a last report and the end. */
    private final BlockingQueue<Pending> produces = new ArrayBlockingQueue<>(IN_FLIGHT + 4);
    /** The end of the queue: the reader reads no more. */
    private final Pending end;
    /** Held while the answer is written or completed. */
    private final ReentrantLock response = new ReentrantLock();
    /** Runs of the drain loop asked for; the thread that made it 1 runs it until it is back to 0. */
    private final AtomicInteger wip = new AtomicInteger();

    // the reading state: only the thread running the drain loop touches it
    private final ObjectFramer framer;
    private final RequestMemory.Reservation framing;
    private final byte[] buffer = new byte[READ_BYTES];
    /** Records read and not sent yet: all the connection holds now, up to the batch limits. */
    private List<byte[]> batch = new ArrayList<>();
    private long batchFirst;
    private long batchBytes;
    private long charged;
    private boolean ended;

    /** Reading waits for the writer to catch up. */
    private volatile boolean paused;
    private final LongUnaryOperator read;
    private volatile boolean allRead;
    private volatile boolean closed;
    /** The answer is complete (under {@link #response}). */
    private boolean completed;

    /**
     * @param async          the request's async context, the answer not started
     * @param produce        produces each batch of records
     * @param stream         the stream's destination and charset, checked
     * @param memory         the pool records are taken from
     * @param maxRecordBytes the largest record accepted
     * @param maxDuration    how long the stream may run
     * @param read           told the number of body bytes each time some are read (the caller's produce quota);
     *                       answers how long (ns) the caller is over its quota, for which reading pauses
     */
    ProduceStream(AsyncContext async, RecordsProduceService produce, RecordsProduceService.Stream stream,
                  RequestMemory memory, int maxRecordBytes, Duration maxDuration, LongUnaryOperator read)
            throws IOException {
        this.async = async;
        this.read = read;
        this.in = async.getRequest().getInputStream();
        this.produce = produce;
        this.stream = stream;
        this.memory = memory;
        this.maxDuration = maxDuration;
        this.deadline = System.nanoTime() + maxDuration.toNanos();
        this.framer = new ObjectFramer(maxRecordBytes);
        this.framing = memory.reserve();
        this.end = new Pending(0, CompletableFuture.completedFuture(List.of()), memory.reserve());
    }

    /** Starts reading: from now on the container calls back as the body comes. */
    void start() {
        in.setReadListener(this);
    }

    /** Stops the stream (the client went away, or the request is over); never blocks. */
    void close() {
        closed = true;
        pump();
    }

    /**
     * Ends the stream because the container ends the request (a timeout or a failed connection): completes the
     * answer unless the writer is writing, in which case the writer completes it as soon as it has written.
     */
    void abort() {
        closed = true;
        if (response.tryLock()) {
            try {
                complete();
            } finally {
                response.unlock();
            }
        }
        pump();
    }

    @Override
    public void onDataAvailable() {
        pump();
    }

    @Override
    public void onAllDataRead() {
        allRead = true;
        pump();
    }

    @Override
    public void onError(Throwable failure) {
        log.debug("produce stream: the body could not be read: {}", failure.toString());
        close();
    }

    /** Runs the drain loop, or has the thread running it go round once more; never blocks. */
    private void pump() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int asked = 1;
        do {
            drain();
            asked = wip.addAndGet(-asked);
        } while (asked != 0);
    }

    /**
     * Reads what the connection holds, while the writer keeps up. Returns when nothing more is there (the container
     * calls back when there is), when {@link #IN_FLIGHT} produces are queued (the writer asks again when it took
     * one), or when the stream ended.
     */
    private void drain() {
        if (ended) {
            return;
        }
        if (closed) {
            finish(null);
            return;
        }
        try {
            while (!ended) {
                if (batchBytes >= BATCH_BYTES || batch.size() >= BATCH_RECORDS) {
                    send();
                }
                if (produces.size() >= IN_FLIGHT) {
                    paused = true;
                    return;
                }
                if (allRead) {
                    endOfBody();
                    return;
                }
                if (!in.isReady()) {
                    send();
                    return;
                }
                int count = in.read(buffer);
                if (count < 0) {
                    send();
                    return;
                }
                take(count);
                long over = read.applyAsLong(count);
                if (over > 0) {
                    // the caller is over its produce quota: read on once it is paid back (TCP slows the client)
                    send();
                    CompletableFuture.delayedExecutor(over, TimeUnit.NANOSECONDS).execute(this::resume);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("produce stream: the body could not be read: {}", e.toString());
            closed = true;
            finish(null);
        }
    }

    /** The body ended: the last records go, or a report says why the body was wrong. */
    private void endOfBody() {
        if (framer.inObject()) {
            finish(failed(400, "the body ends inside record " + framer.objects()));
        } else if (framer.objects() == 0) {
            finish(failed(400, "the stream had no records; send them as JSON objects {\"key\":{…},\"value\":{…}}"));
        } else {
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
            return;
        }
        long buffered = framer.buffered();
        if (buffered < charged) {
            framing.giveBack(charged - buffered);
            charged = buffered;
        } else if (buffered > charged) {
            if (framing.take(buffered - charged)) {
                charged = buffered;
            } else {
                finish(failed(429, "the gateway has no memory for record " + framer.objects()
                        + " now; the stream ends here, retry from it"));
            }
        }
    }

    /** Queues what was read, {@code last} (if any) and the end, once. */
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
     * Parses and produces one batch of records. Their bytes and their reports' room are held from the pool until the
     * reports are written. The pending produce always completes with one report per record.
     */
    private Pending produce(List<byte[]> records, long first) {
        long bytes = 0;
        for (byte[] record : records) {
            bytes += record.length;
        }
        int count = records.size();
        RequestMemory.Reservation share = memory.reserve();
        try {
            share.require(bytes * 3 + count * REPORT_BYTES);
            List<StreamedRecord> parsed = RecordStreamReader.readEach(records, stream.charset(), first, share);
            CompletableFuture<List<ProduceReport>> reports = produce.reports(stream.destination(), parsed, first,
                    share);
            return new Pending(count, reports.handle((done, failure) -> done != null ? done
                    : Collections.nCopies(count, failure(failure))), share);
        } catch (RuntimeException e) {
            return new Pending(count, CompletableFuture.completedFuture(Collections.nCopies(count, failure(e))),
                    share);
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

    private Pending failed(int code, String message) {
        return new Pending(1, CompletableFuture.completedFuture(List.of(ProduceReport.failed(code, message))),
                memory.reserve());
    }

    /**
     * The writer: writes every queued produce's reports in order until the end, then completes the answer; on its
     * way out it gives back what the produces left in the queue hold.
     */
    void write() {
        try {
            ServletOutputStream out = async.getResponse().getOutputStream();
            async.getResponse().flushBuffer();
            while (!closed) {
                Pending next = produces.poll(1, TimeUnit.SECONDS);
                if (next == end) {
                    break;
                }
                if (next == null) {
                    continue;
                }
                if (paused) {
                    paused = false;
                    resume();
                }
                List<ProduceReport> reports = next.reports();
                try {
                    writeAll(reports, out);
                } finally {
                    next.share().release();
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("produce stream: the reports could not be written: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            for (Pending left = produces.poll(); left != null; left = produces.poll()) {
                left.share().release();
            }
            response.lock();
            try {
                complete();
            } finally {
                response.unlock();
            }
            pump();
        }
    }

    /** Writes reports; flushes unless the next produce's reports are ready to follow at once. */
    private void writeAll(List<ProduceReport> reports, ServletOutputStream out) throws IOException {
        response.lock();
        try {
            if (completed) {
                throw new IOException("the answer is complete");
            }
            for (ProduceReport report : reports) {
                produce.write(report, out);
            }
            Pending following = produces.peek();
            if (following == null || !following.produced().isDone()) {
                out.flush();
            }
        } finally {
            response.unlock();
        }
    }

    /** Has a container thread go on with a paused read. */
    private void resume() {
        try {
            async.start(this::pump);
        } catch (IllegalStateException over) {
            closed = true;
        }
    }

    /** Completes the answer once; the caller holds {@link #response}. */
    private void complete() {
        if (completed) {
            return;
        }
        completed = true;
        try {
            async.complete();
        } catch (IllegalStateException over) {
            log.debug("produce stream: the request was over already");
        }
    }

    /** A produce of {@code count} records read and not yet written, and the memory it holds until then. */
    private record Pending(int count, CompletableFuture<List<ProduceReport>> produced,
                           RequestMemory.Reservation share) {

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
