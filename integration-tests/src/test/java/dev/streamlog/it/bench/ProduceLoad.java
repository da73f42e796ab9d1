package dev.streamlog.it.bench;

import dev.streamlog.it.kit.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * A closed-loop produce load on one topic: a fixed number of producer threads, each sending
 * the same pre-encoded request ({@code RECORDS_PER_REQUEST} keyless records of random bytes in
 * the binary embedded format, so the gateway's sticky partitioner puts each request on one
 * partition, round robin) as soon as the previous answer is in. A run counts acknowledged
 * records and request latencies; any answer other than 200 with every record written stops
 * it with the answer in the exception.
 *
 * <p>Not thread-safe: one {@link #run} at a time (the load itself is multi-threaded).
 */
final class ProduceLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI uri;
    private final int producers;
    private final int recordsPerRequest;
    private final long payloadBytesPerRequest;
    private final byte[] body;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    ProduceLoad(String url, int producers, int recordsPerRequest, int recordBytes) {
        this.uri = URI.create(url);
        this.producers = producers;
        this.recordsPerRequest = recordsPerRequest;
        this.payloadBytesPerRequest = (long) recordsPerRequest * recordBytes;
        this.body = body(recordsPerRequest, recordBytes);
    }

    /** Produces for {@code duration} from every producer and says what got acknowledged. */
    Result run(Duration duration) {
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            List<Future<long[]>> latencies = new ArrayList<>();
            for (int i = 0; i < producers; i++) {
                latencies.add(pool.submit(() -> produceUntil(deadline)));
            }
            List<long[]> perProducer = new ArrayList<>();
            for (Future<long[]> future : latencies) {
                perProducer.add(future.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] all = perProducer.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            if (all.length == 0) {
                throw new IllegalStateException("no request completed within " + duration);
            }
            return new Result(all.length * payloadBytesPerRequest / 1e6, all.length * (long) recordsPerRequest / seconds,
                    all.length * payloadBytesPerRequest / seconds / 1e6,
                    all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a producer failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private long[] produceUntil(long deadline) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/vnd.kafka.binary.v2+json")
                .header("Accept", Http.KAFKA_V2)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long[] latencies = new long[1024];
        int count = 0;
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - sent;
            check(answer);
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = took;
        }
        return Arrays.copyOf(latencies, count);
    }

    private void check(HttpResponse<String> answer) {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + answer.statusCode() + ": " + answer.body());
        }
        JsonNode offsets = Http.json().readTree(answer.body()).path("offsets");
        if (offsets.size() != recordsPerRequest) {
            throw new IllegalStateException("expected " + recordsPerRequest + " offsets: " + answer.body());
        }
        for (JsonNode offset : offsets) {
            if (!offset.path("error_code").isNull() || !offset.path("offset").isNumber()) {
                throw new IllegalStateException("a record was not written: " + offset);
            }
        }
    }

    private static byte[] body(int records, int recordBytes) {
        Random random = new Random(records * 31L + recordBytes);
        StringBuilder json = new StringBuilder("{\"records\":[");
        byte[] value = new byte[recordBytes];
        for (int i = 0; i < records; i++) {
            random.nextBytes(value);
            json.append(i == 0 ? "" : ",").append("{\"value\":\"").append(Base64.getEncoder().encodeToString(value)).append("\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Acknowledged payload, records and payload per second, and request latency, of one run. */
    record Result(double megabytes, double recordsPerSecond, double megabytesPerSecond, double p50Millis, double p99Millis) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,.0f rec/s %.1f MB/s p50 %.0f ms p99 %.0f ms",
                    recordsPerSecond, megabytesPerSecond, p50Millis, p99Millis);
        }
    }
}
