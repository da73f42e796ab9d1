package dev.streamlog.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A consumer-group load through the gateway's v2 consumer API, as an application consumes: {@code concurrency}
 * members of one group (one instance and one keep-alive connection each, in the embedded format asked). Every
 * member subscribes to the topic before any polls, so the group rebalances once, before the polls (a member that
 * joined while another polled would take partitions from it, and that member's next commit of them would be refused
 * 409, as Kafka's {@code CommitFailedException}). Then each polls
 * ({@code GET …/records?timeout=&max_bytes=}) and, with auto-commit off, commits what it polled
 * ({@code POST …/offsets}, empty body) after every non-empty poll; with auto-commit on it leaves that to the
 * instance (every 5 s, before its partitions move and when it is deleted). It runs until the duration is over, the
 * record budget is read or it is told to {@link #stop()}; the members leave the group at the end. Counts records
 * and value bytes polled, poll latencies, failed requests by error code, and, when asked, each record's end-to-end
 * latency: its arrival here minus its timestamp (the gateway's clock when the producer gave none).
 *
 * <p>Thread-safe for {@link #stop()}; one {@link #run} at a time (the load itself is multi-threaded).
 */
final class GroupConsumeLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int POLL_TIMEOUT_MS = 1000;
    private static final String V2 = "application/vnd.kafka.v2+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String gateway;
    private final String topic;
    private final String group;
    private final int concurrency;
    private final int maxBytes;
    private final String offsetReset;
    private final String format;
    private final boolean autoCommit;
    private final PrintStream progress;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final LongAdder joined = new LongAdder();
    private final LongAdder records = new LongAdder();

    /**
     * @param offsetReset where a member starts on a partition the group has no committed offset for:
     *                    {@code earliest} or {@code latest}
     * @param format      the consumers' embedded format: {@code binary}, {@code json} or {@code text}
     * @param autoCommit  whether the instances auto-commit (else each member commits after every non-empty poll)
     */
    GroupConsumeLoad(String gateway, String topic, String group, int concurrency, int maxBytes, String offsetReset,
                     String format, boolean autoCommit, PrintStream progress) {
        this.gateway = gateway;
        this.topic = topic;
        this.group = group;
        this.concurrency = concurrency;
        this.maxBytes = maxBytes;
        this.offsetReset = offsetReset;
        this.format = format;
        this.autoCommit = autoCommit;
        this.progress = progress;
    }

    /** Ends a running load after the members' current polls. */
    void stop() {
        stopped.set(true);
    }

    /** How many members have subscribed and answered their first poll. */
    long joined() {
        return joined.sum();
    }

    /** Records read so far. */
    long consumed() {
        return records.sum();
    }

    /**
     * Consumes for at most {@code duration} and, when above 0, until {@code recordBudget} records were read (counted
     * from the load's creation).
     *
     * @param endToEnd where each record's end-to-end latency goes, or null
     */
    Summary run(Duration duration, long recordBudget, Latencies endToEnd) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency + 1);
        LongAdder bytes = new LongAdder();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long budget = recordBudget > 0 ? recordBudget : Long.MAX_VALUE;
        String name = "group " + group;
        List<Instance> instances = new ArrayList<>();
        try {
            List<Future<Instance>> joins = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                joins.add(pool.submit(this::join));
            }
            ExecutionException failedJoin = null;
            for (Future<Instance> join : joins) {
                try {
                    instances.add(join.get());
                } catch (ExecutionException e) {
                    failedJoin = e;
                }
            }
            if (failedJoin != null) {
                throw failedJoin;
            }
            List<Future<Member>> members = new ArrayList<>();
            for (Instance instance : instances) {
                members.add(pool.submit(() -> consume(instance, deadline, budget, bytes, errors, endToEnd != null)));
            }
            Future<?> reporter = pool.submit(() -> Progress.print(progress, name, start, records, errors));
            List<Latencies> polls = new ArrayList<>();
            List<Latencies> arrivals = new ArrayList<>();
            for (Future<Member> member : members) {
                polls.add(member.get().polls());
                arrivals.add(member.get().arrivals());
            }
            reporter.cancel(true);
            if (endToEnd != null) {
                arrivals.forEach(endToEnd::addAll);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return Summary.of(name, seconds, records.sum(), bytes.sum() / 1e6, Latencies.merged(polls), errors);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a consumer thread failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            for (Instance instance : instances) {
                leave(instance);
            }
        }
    }

    /** A member's consumer instance and its own connection. */
    private record Instance(HttpClient client, String base) {
    }

    /** Creates a consumer instance in the group and subscribes it to the topic. */
    private Instance join() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        JsonNode created = call(client, post(gateway + "/consumers/" + group, "{\"format\":\"" + format + "\","
                + "\"auto.offset.reset\":\"" + offsetReset + "\",\"auto.commit.enable\":\"" + autoCommit + "\"}"));
        Instance instance = new Instance(client, created.path("base_uri").asString());
        try {
            call(client, post(instance.base() + "/subscription", "{\"topics\":[\"" + topic + "\"]}"));
        } catch (IOException | RuntimeException e) {
            leave(instance);
            throw e;
        }
        return instance;
    }

    /** Deletes the instance (the member leaves the group); a failure is reported, not thrown. */
    private void leave(Instance instance) {
        try {
            instance.client().send(GatewayRequests.to(URI.create(instance.base())).timeout(REQUEST_TIMEOUT)
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            progress.println("could not delete " + instance.base() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One member's poll latencies and its records' end-to-end latencies. */
    private record Member(Latencies polls, Latencies arrivals) {
    }

    private Member consume(Instance instance, long deadline, long budget, LongAdder bytes,
                           Map<String, LongAdder> errors, boolean keepArrivals) throws InterruptedException {
        HttpClient client = instance.client();
        String base = instance.base();
        Member member = new Member(new Latencies(), new Latencies());
        boolean first = true;
        while (!stopped.get() && System.nanoTime() < deadline && records.sum() < budget) {
            long sent = System.nanoTime();
            Optional<PolledRecords> answer = PolledRecords.fetch(client, GatewayRequests.to(URI.create(base
                            + "/records?timeout=" + POLL_TIMEOUT_MS + "&max_bytes=" + maxBytes))
                    .timeout(REQUEST_TIMEOUT).header("Accept", ConsumeLoad.mediaType(format)).GET().build(), format,
                    keepArrivals ? member.arrivals()::add : null, errors);
            if (answer.isEmpty()) {
                continue;
            }
            PolledRecords polled = answer.get();
            member.polls().add(System.nanoTime() - sent);
            if (first) {
                joined.increment();
                first = false;
            }
            if (polled.records() == 0) {
                continue;
            }
            bytes.add(polled.valueBytes());
            records.add(polled.records());
            if (autoCommit) {
                continue;
            }
            try {
                HttpResponse<String> committed = client.send(post(base + "/offsets", ""),
                        HttpResponse.BodyHandlers.ofString());
                if (committed.statusCode() / 100 != 2) {
                    errors.computeIfAbsent(errorCode(committed), key -> new LongAdder()).increment();
                }
            } catch (IOException e) {
                errors.computeIfAbsent("transport", key -> new LongAdder()).increment();
            }
        }
        return member;
    }

    private static HttpRequest post(String url, String body) {
        return GatewayRequests.to(URI.create(url)).timeout(REQUEST_TIMEOUT).header("Content-Type", V2)
                .header("Accept", V2).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static JsonNode call(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + answer.statusCode() + " " + answer.body());
        }
        return answer.body().isEmpty() ? JSON.missingNode() : JSON.readTree(answer.body());
    }

    /** The answer's {@code error_code}, or {@code http_<status>} when its body is not the platform's error. */
    static String errorCode(HttpResponse<?> answer) {
        try {
            JsonNode body = answer.body() instanceof InputStream stream ? JSON.readTree(readAll(stream))
                    : JSON.readTree(String.valueOf(answer.body()));
            return body.path("error_code").asString("http_" + answer.statusCode());
        } catch (RuntimeException | IOException notJson) {
            return "http_" + answer.statusCode();
        }
    }

    private static byte[] readAll(InputStream stream) throws IOException {
        try (stream) {
            return stream.readAllBytes();
        }
    }
}
