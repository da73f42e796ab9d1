package dev.streamlog.gateway.produce;

import dev.streamlog.gateway.config.GatewayProperties;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.RequestMemory;
import dev.streamlog.gateway.web.StreamedBody;
import dev.streamlog.gateway.web.UnreadBody;
import dev.streamlog.model.ErrorCode;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streamed v3 produces: which requests are streams (a {@code POST …/topics/{t}/records} without a
 * {@code Content-Length}, that is a chunked body, whose client may read reports while it still sends), and where
 * they run: at most {@code max-produce-streams} at once (one more is answered 429/42901), each read with the
 * container's non-blocking reads and answered by one thread of a pool of their own ({@link ProduceStream}): no
 * container worker ever waits for a stream's client (parsing and sending a batch run on the thread that read
 * it). A stream's checks run on the container's thread before its answer starts, so a wrong topic, cluster or
 * content type is answered with its status as on every route (the cluster id is read from ZooKeeper once, within
 * the coordinator timeout). A body with a {@code Content-Length} is not a stream: the body filter reads it whole
 * first ({@link RecordsProduceService#produce}). Thread-safe.
 */
@Component
public class ProduceStreams implements StreamedBody {

    private static final Logger log = LoggerFactory.getLogger(ProduceStreams.class);
    /** The route as the controller maps it; a trailing slash or the /kafka prefix is gone before (CanonicalPathFilter). */
    private static final Pattern ROUTE = Pattern.compile("/v3/clusters/[^/]+/topics/[^/]+/records");

    private final RecordsProduceService produce;
    private final RequestMemory memory;
    private final JsonMapper json;
    private final int maxRecordBytes;
    private final int maxStreams;
    private final Duration maxDuration;
    private final Semaphore slots;
    private final ExecutorService threads;

    public ProduceStreams(RecordsProduceService produce, RequestMemory memory, JsonMapper json,
                          GatewayProperties properties) {
        this.produce = produce;
        this.memory = memory;
        this.json = json;
        this.maxRecordBytes = (int) Math.min(properties.maxRequestSize().toBytes(), Integer.MAX_VALUE - 64);
        this.maxStreams = properties.maxProduceStreams();
        this.maxDuration = properties.maxStreamDuration();
        this.slots = new Semaphore(maxStreams);
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "produce-stream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public boolean streams(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && request.getContentLengthLong() < 0
                && request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
                && ROUTE.matcher(request.getRequestURI()).matches();
    }

    /**
     * Starts a stream on the request: checks it on this (the container's) thread, then reads and answers it on the
     * streams' threads. A stream refused (a wrong topic, cluster, content type or acks; 429/42901 when
     * {@code max-produce-streams} run already) is answered with its status without reading its body. {@code read}
     * is told the number of body bytes each time some are read and answers how long (ns) reading should pause.
     */
    void start(String cluster, String topic, String contentType, String acks, HttpServletRequest request,
               HttpServletResponse response, LongUnaryOperator read) throws IOException {
        RecordsProduceService.Stream checked;
        try {
            checked = produce.open(cluster, topic, contentType, acks);
        } catch (ApiException e) {
            UnreadBody.refuse(request, response, json, e.errorCode(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.warn("produce stream: its checks failed", e);
            UnreadBody.refuse(request, response, json, ErrorCode.INTERNAL_ERROR, "the stream could not be checked;"
                    + " retry");
            return;
        }
        if (!slots.tryAcquire()) {
            UnreadBody.refuse(request, response, json, ErrorCode.TOO_MANY_REQUESTS, "the gateway runs " + maxStreams
                    + " produce streams already (streamlog.gateway.max-produce-streams); retry shortly");
            return;
        }
        AsyncContext async;
        try {
            async = request.startAsync(request, response);
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        async.setTimeout(maxDuration.plusMinutes(1).toMillis());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try {
            ProduceStream stream = new ProduceStream(async, produce, checked, memory, maxRecordBytes, maxDuration,
                    read);
            async.addListener(new Closer(stream));
            stream.start();
            threads.execute(() -> {
                try {
                    stream.write();
                } finally {
                    slots.release();
                }
            });
        } catch (IOException | RuntimeException e) {
            slots.release();
            async.complete();
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }

    /**
     * Closes the stream when the container ends the request: on a timeout (past the stream's time) or a failed
     * connection it also has the request completed ({@link ProduceStream#abort}), which otherwise goes to the error
     * page, whose body would land in the middle of the reports.
     */
    private record Closer(ProduceStream stream) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            stream.close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end(event);
        }

        @Override
        public void onError(AsyncEvent event) {
            end(event);
        }

        private void end(AsyncEvent event) {
            stream.abort();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
