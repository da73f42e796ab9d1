package dev.streamlog.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stateless read load: the topic's partitions are shared out over {@code concurrency} threads (each with its own
 * keep-alive connection); each thread reads its partitions from their beginning offset with
 * {@code GET /topics/{t}/partitions/{p}/records?offset=&max_bytes=} in the embedded format asked, round robin, until
 * every one of them is read to its end, the duration is over or the record budget is used. Counts records and
 * value bytes read, request latencies, and failed requests by error code; prints a progress line every second.
 *
 * <p>Not thread-safe: one {@link #run} at a time (the load itself is multi-threaded).
 */
final class ConsumeLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NAME = "gateway reads";

    private final String gateway;
    private final String topic;
    private final int concurrency;
    private final int maxBytes;
    private final String format;
    private final PrintStream progress;

    /** @param format the embedded format read: {@code binary}, {@code json} or {@code text} */
    ConsumeLoad(String gateway, String topic, int concurrency, int maxBytes, String format, PrintStream progress) {
        this.gateway = gateway;
        this.topic = topic;
        this.concurrency = concurrency;
        this.maxBytes = maxBytes;
        this.format = format;
        this.progress = progress;
    }

    /** Reads for at most {@code duration} and, when above 0, at most {@code recordBudget} records. */
    Summary run(Duration duration, long recordBudget) throws InterruptedException, IOException {
        HttpClient lookups = client();
        int partitions = get(lookups, gateway + "/topics/" + topic + "/partitions").size();
        int threads = Math.min(concurrency, partitions);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        LongAdder records = new LongAdder();
        LongAdder bytes = new LongAdder();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long budget = recordBudget > 0 ? recordBudget : Long.MAX_VALUE;
        try {
            List<Future<Latencies>> readers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                List<Integer> owned = new ArrayList<>();
                for (int p = i; p < partitions; p += threads) {
                    owned.add(p);
                }
                readers.add(pool.submit(() -> read(owned, deadline, budget, records, bytes, errors)));
            }
            Future<?> reporter = pool.submit(() -> Progress.print(progress, NAME, start, records, errors));
            List<Latencies> latencies = new ArrayList<>();
            for (Future<Latencies> reader : readers) {
                latencies.add(reader.get());
            }
            reporter.cancel(true);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted = Latencies.merged(latencies);
            return Summary.of(NAME, seconds, records.sum(), bytes.sum() / 1e6, sorted, errors);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a reader thread failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private Latencies read(List<Integer> owned, long deadline, long budget, LongAdder records, LongAdder bytes,
                           Map<String, LongAdder> errors) throws IOException, InterruptedException {
        HttpClient client = client();
        Map<Integer, Long> positions = new TreeMap<>();
        for (int partition : owned) {
            positions.put(partition, get(client, base(partition) + "/offsets").path("beginning_offset").asLong());
        }
        Latencies latencies = new Latencies();
        while (!positions.isEmpty() && System.nanoTime() < deadline && records.sum() < budget) {
            for (int partition : List.copyOf(positions.keySet())) {
                long offset = positions.get(partition);
                long sent = System.nanoTime();
                Optional<PolledRecords> answer = PolledRecords.fetch(client, GatewayRequests.to(URI.create(
                                base(partition) + "/records?offset=" + offset + "&max_bytes=" + maxBytes))
                        .timeout(REQUEST_TIMEOUT).header("Accept", mediaType(format)).GET().build(), format, null,
                        errors);
                if (answer.isEmpty()) {
                    continue;
                }
                PolledRecords read = answer.get();
                latencies.add(System.nanoTime() - sent);
                if (read.records() == 0) {
                    positions.remove(partition);
                    continue;
                }
                bytes.add(read.valueBytes());
                records.add(read.records());
                positions.put(partition, read.lastOffset() + 1);
            }
        }
        return latencies;
    }

    /** The v2 media type of reads in {@code format}. */
    static String mediaType(String format) {
        return "application/vnd.kafka." + format + ".v2+json";
    }

    private String base(int partition) {
        return gateway + "/topics/" + topic + "/partitions/" + partition;
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static JsonNode get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(GatewayRequests.to(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/vnd.kafka.v2+json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body());
    }
}
