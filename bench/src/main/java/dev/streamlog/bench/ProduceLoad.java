package dev.streamlog.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop load: {@code concurrency} threads, each with its own keep-alive connection (one JDK
 * {@link HttpClient} per thread, HTTP/1.1, running its tasks on its selector thread: no hand-off to an executor
 * thread per answer, which cost the load generator CPU the cluster under test shares), sending the target's
 * request again as soon as the previous answer is in, first for the warm-up and then, on the same threads and
 * connections, until the measured duration is over or the record budget is used. Counts, for the requests sent
 * after the warm-up, acknowledged records (an answer with the target's OK status and no {@code error_code} in it
 * other than 200), latencies of acknowledged requests, and the rest by error code; prints a progress line every
 * second to {@code progress}.
 *
 * <p>Warm-up and measurement are one load because a load generator that starts anew after its warm-up measures
 * itself: new clients and connections deoptimised its compiled HTTP client code, and on 2 cores its JIT took
 * 50-70% of a core for the first seconds of each measurement (issue 20's d1 swings).
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
     * Runs for {@code warmup}, not measured, and then for {@code duration}, or until {@code recordBudget} records
     * were acknowledged when it is above 0 (at most an hour); the summary is of the part after the warm-up.
     */
    Summary run(Duration warmup, Duration duration, long recordBudget) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency + 1);
        Tally warm = new Tally();
        Tally measured = new Tally();
        AtomicLong budget = new AtomicLong(recordBudget > 0 ? recordBudget : Long.MAX_VALUE);
        long start = System.nanoTime();
        long measuredFrom = start + warmup.toNanos();
        long deadline = measuredFrom + (recordBudget > 0 ? RECORDS_MODE_BOUND : duration).toNanos();
        try {
            List<Future<Latencies>> producers = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                HttpRequest request = GatewayRequests.to(target.uris().get(i % target.uris().size()))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", target.contentType())
                        .header("Accept", "application/vnd.kafka.v2+json, application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(target.body()))
                        .build();
                producers.add(pool.submit(() -> produce(request, measuredFrom, deadline, budget, warm, measured)));
            }
            Future<?> reporter = pool.submit(() -> Progress.print(progress, target.name(), start, measuredFrom,
                    warm, measured));
            List<Latencies> latencies = new ArrayList<>();
            for (Future<Latencies> producer : producers) {
                latencies.add(producer.get());
            }
            reporter.cancel(true);
            double seconds = (System.nanoTime() - measuredFrom) / 1e9;
            long[] sorted = Latencies.merged(latencies);
            long records = measured.records().sum();
            return Summary.of(target.name(), seconds, records,
                    records * (double) target.payloadBytesPerRequest() / target.recordsPerRequest() / 1e6, sorted,
                    measured.errors());
        } catch (ExecutionException e) {
            throw new IllegalStateException("a producer thread failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * One thread's requests until the deadline or the end of the budget; a request sent before
     * {@code measuredFrom} counts in {@code warm} only, and neither takes from the budget nor adds a latency.
     */
    private Latencies produce(HttpRequest request, long measuredFrom, long deadline, AtomicLong budget, Tally warm,
                              Tally measured) throws InterruptedException {
        Latencies latencies = new Latencies();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Runnable::run).build();
        int records = target.recordsPerRequest();
        long interval = rate == 0 ? 0 : (long) (1e9 * records * concurrency / rate);
        long due = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            if (interval > 0) {
                due += interval;
                if (due >= deadline) {
                    break;
                }
                TimeUnit.NANOSECONDS.sleep(due - sent);
                sent = due;
            }
            boolean measuring = sent >= measuredFrom;
            if (measuring && budget.getAndAdd(-records) <= 0) {
                break;
            }
            Tally tally = measuring ? measured : warm;
            String code;
            try {
                HttpResponse<String> answer = client.send(signed(request), HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - sent;
                code = errorCode(answer);
                if (code == null) {
                    tally.records().add(records);
                    if (measuring) {
                        latencies.add(took);
                    }
                }
            } catch (IOException e) {
                code = "transport";
            }
            if (code != null) {
                tally.fail(code);
                if (measuring) {
                    budget.addAndGet(records);
                }
            }
        }
        return latencies;
    }

    /** The request, signed now when the target is an internal route. */
    private HttpRequest signed(HttpRequest request) {
        return target.signature() == null ? request : target.signature().signed(request);
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
