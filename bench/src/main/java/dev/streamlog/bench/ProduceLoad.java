package dev.streamlog.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop load: {@code concurrency} threads, each with its own keep-alive connection (one JDK
 * {@link HttpClient} per thread, HTTP/1.1, running its tasks on its selector thread: no hand-off to an executor
 * thread per answer, which cost the load generator CPU the cluster under test shares), sending the target's
 * request again as soon as the previous answer is in, until the duration is over or the record budget is used.
 * Counts acknowledged records (an answer with the target's OK status and no {@code error_code} in it other than
 * 200), latencies of acknowledged requests, and the rest by error code; prints a progress line every second to
 * {@code progress}.
 *
 * <p>Not thread-safe: one {@link #run} at a time (the load itself is multi-threaded).
 */
final class ProduceLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How long a run with a record budget may take at most (it also ends if the records never get written). */
    private static final Duration RECORDS_MODE_BOUND = Duration.ofHours(1);
    private static final Pattern ERROR_CODE = Pattern.compile("\"error_code\"\\s*:\\s*(\\d+)");

    private final Target target;
    private final int concurrency;
    private final long rate;
    private final PrintStream progress;

    /** A closed loop: each thread sends again as soon as it has its answer. */
    ProduceLoad(Target target, int concurrency, PrintStream progress) {
        this(target, concurrency, 0, progress);
    }

    /**
     * @param rate records per second in all, paced per thread (each request due at a fixed interval, its latency
     *             counted from when it was due, so a slow answer also counts against the requests it delayed);
     *             0 for a closed loop
     */
    ProduceLoad(Target target, int concurrency, long rate, PrintStream progress) {
        this.target = target;
        this.concurrency = concurrency;
        this.rate = rate;
        this.progress = progress;
    }

    /**
     * Runs for {@code duration}, or until {@code recordBudget} records were acknowledged when it is above 0 (at
     * most an hour).
     */
    Summary run(Duration duration, long recordBudget) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency + 1);
        LongAdder acknowledged = new LongAdder();
        AtomicLong budget = new AtomicLong(recordBudget > 0 ? recordBudget : Long.MAX_VALUE);
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long deadline = start + (recordBudget > 0 ? RECORDS_MODE_BOUND : duration).toNanos();
        try {
            List<Future<Latencies>> producers = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                HttpRequest request = HttpRequest.newBuilder(target.uris().get(i % target.uris().size()))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", target.contentType())
                        .header("Accept", "application/vnd.kafka.v2+json, application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(target.body()))
                        .build();
                producers.add(pool.submit(() -> produce(request, deadline, budget, acknowledged, errors)));
            }
            Future<?> reporter = pool.submit(() -> Progress.print(progress, target.name(), start, acknowledged,
                    errors));
            List<Latencies> latencies = new ArrayList<>();
            for (Future<Latencies> producer : producers) {
                latencies.add(producer.get());
            }
            reporter.cancel(true);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted = Latencies.merged(latencies);
            long records = acknowledged.sum();
            return Summary.of(target.name(), seconds, records,
                    records * (double) target.payloadBytesPerRequest() / target.recordsPerRequest() / 1e6, sorted,
                    errors);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a producer thread failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private Latencies produce(HttpRequest request, long deadline, AtomicLong budget, LongAdder acknowledged,
                              Map<String, LongAdder> errors) throws InterruptedException {
        Latencies latencies = new Latencies();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Runnable::run).build();
        int records = target.recordsPerRequest();
        long interval = rate == 0 ? 0 : (long) (1e9 * records * concurrency / rate);
        long due = System.nanoTime();
        while (System.nanoTime() < deadline && budget.getAndAdd(-records) > 0) {
            long sent = System.nanoTime();
            if (interval > 0) {
                due += interval;
                if (due >= deadline) {
                    break;
                }
                TimeUnit.NANOSECONDS.sleep(due - sent);
                sent = due;
            }
            try {
                HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - sent;
                String code = errorCode(answer);
                if (code == null) {
                    latencies.add(took);
                    acknowledged.add(records);
                } else {
                    budget.addAndGet(records);
                    errors.computeIfAbsent(code, key -> new LongAdder()).increment();
                }
            } catch (IOException e) {
                budget.addAndGet(records);
                errors.computeIfAbsent("transport", key -> new LongAdder()).increment();
            }
        }
        return latencies;
    }

    /**
     * Null for an acknowledged answer, else its error code: the first {@code error_code} in the answer other than
     * 200 (a v2 answer has one only on failures; each v3 report has one, 200 when written).
     */
    private String errorCode(HttpResponse<String> answer) {
        Matcher code = ERROR_CODE.matcher(answer.body());
        while (code.find()) {
            if (!code.group(1).equals("200")) {
                return code.group(1);
            }
        }
        return answer.statusCode() == target.okStatus() ? null : "http_" + answer.statusCode();
    }
}
