package dev.streamlog.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code bin/bench} command: {@code produce} loads the gateway; {@code consume} reads the topic as a consumer
 * group ({@link GroupConsumeLoad}) or with stateless partition reads from its start ({@link ConsumeLoad});
 * {@code e2e} produces while a group consumes and reports the records' end-to-end latency; {@code reference} loads, with the same client,
 * records and concurrency, a bare Spring MVC endpoint ({@link ReferenceServer} in a JVM of its own), a storage
 * leader's internal append endpoint and the gateway, one after the other, and prints the gateway's ratios to the
 * two. Every load runs a warm-up first that is not measured. Progress goes to standard error, results to standard
 * output (one JSON object with {@code --json}). Exit status 2 for a bad command line, 1 for a failed run.
 */
public final class Bench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long e2e waits for its consumers to join, and how much longer than the producers they may run. */
    private static final Duration CONSUMER_BOUND = Duration.ofSeconds(30);
    /** How long e2e's consumers may take after the producers stopped to read what was acknowledged. */
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(15);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("reference-server")) {
            ReferenceServer.start(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("bin/bench: " + e.getMessage() + "\n\n" + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (IOException | RuntimeException e) {
            System.err.println("bin/bench: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            System.exit(1);
        }
    }

    private static void run(BenchOptions options) throws Exception {
        Targets targets = new Targets(options);
        targets.ensureTopic();
        PrintStream progress = System.err;
        progress.printf(Locale.ROOT, "bin/bench %s (%s API, %s): topic %s, %d B records, %d per request, acks=%s,"
                        + " concurrency %d%s%n", options.mode(), options.api() + (options.stream() ? " streamed" : ""),
                options.format(), options.topic(), options.recordSize(),
                options.batch(), options.acks(),
                options.concurrency(), options.rate() == 0 ? "" : ", paced at " + options.rate() + " records/s");
        switch (options.mode()) {
            case "consume" -> print(options, List.of(consume(options, targets, progress)), false, null);
            case "e2e" -> endToEnd(options, targets, progress);
            case "reference" -> {
                List<Summary> summaries = new ArrayList<>();
                try (ReferenceProcess bare = ReferenceProcess.start()) {
                    summaries.add(measure(targets.bareEndpoint(bare.baseUrl()), options, progress));
                }
                summaries.add(measure(targets.directStorage(), options, progress));
                summaries.add(measure(targets.gateway(), options, progress));
                print(options, summaries, true, null);
            }
            default -> print(options, List.of(measure(targets.gateway(), options, progress)), false, null);
        }
    }

    private static Summary consume(BenchOptions options, Targets targets, PrintStream progress) throws Exception {
        if (options.group() == null) {
            ConsumeLoad reads = new ConsumeLoad(options.gateway(), options.topic(), options.concurrency(),
                    options.maxBytes(), options.format(), progress);
            if (!options.warmup().isZero()) {
                progress.println("warm-up, not measured:");
                reads.run(options.warmup(), 0);
            }
            progress.println("measured:");
            return reads.run(options.duration(), options.records());
        }
        int members = Math.min(options.concurrency(), targets.partitionCount());
        long budget = options.records() > 0 ? options.records() : targets.recordsHeld();
        if (!options.warmup().isZero()) {
            progress.println("warm-up, not measured (the same group, so its coordinator is warm too):");
            GroupConsumeLoad warmup = new GroupConsumeLoad(options.gateway(), options.topic(), options.group(),
                    members, options.maxBytes(), "earliest", options.format(), options.commit().equals("auto"),
                    progress);
            warmup.run(options.warmup(), budget, null);
            budget -= warmup.consumed();
            if (budget <= 0) {
                throw new IllegalStateException("the warm-up read all " + warmup.consumed() + " records; produce"
                        + " more, or shorten --warmup or raise --records");
            }
        }
        progress.printf(Locale.ROOT, "measured (from the group's commits, until %,d more records are read):%n",
                budget);
        return new GroupConsumeLoad(options.gateway(), options.topic(), options.group(), members, options.maxBytes(),
                "earliest", options.format(), options.commit().equals("auto"), progress)
                .run(options.duration(), budget, null);
    }

    /**
     * Produces through the gateway while a new group consumes from the end of the topic, and reports both loads
     * and each record's end-to-end latency. The producers start once every member answered its first poll; the
     * consumers stop once they read as many records as were acknowledged, or 15 s after the producers.
     */
    private static void endToEnd(BenchOptions options, Targets targets, PrintStream progress) throws Exception {
        Target gateway = targets.gateway();
        if (!options.warmup().isZero()) {
            progress.println("warm-up (produce only), not measured:");
            new ProduceLoad(gateway, options.concurrency(), progress).run(Duration.ZERO, options.warmup(), 0);
        }
        int members = Math.min(options.concurrency(), targets.partitionCount());
        GroupConsumeLoad consumers = new GroupConsumeLoad(options.gateway(), options.topic(), options.group(),
                members, options.maxBytes(), "latest", options.format(), options.commit().equals("auto"), progress);
        Latencies endToEnd = new Latencies();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<Summary> consumed = background.submit(() ->
                    consumers.run(options.duration().plus(CONSUMER_BOUND), 0, endToEnd));
            long joinDeadline = System.nanoTime() + CONSUMER_BOUND.toNanos();
            while (consumers.joined() < members && !consumed.isDone() && System.nanoTime() < joinDeadline) {
                Thread.sleep(100);
            }
            progress.printf(Locale.ROOT, "measured (%d of %d group members polling):%n", consumers.joined(), members);
            Summary produced = new ProduceLoad(gateway, options.concurrency(), options.rate(), progress)
                    .run(Duration.ZERO, options.duration(), options.records());
            long drainDeadline = System.nanoTime() + DRAIN_BOUND.toNanos();
            while (consumers.consumed() < produced.records() && !consumed.isDone()
                    && System.nanoTime() < drainDeadline) {
                Thread.sleep(100);
            }
            consumers.stop();
            print(options, List.of(produced, consumed.get()), false, Latencies.sorted(endToEnd));
        } finally {
            background.shutdownNow();
        }
    }

    private static Summary measure(Target target, BenchOptions options, PrintStream progress)
            throws InterruptedException {
        if (options.stream()) {
            if (!options.warmup().isZero()) {
                progress.println("warm-up, not measured:");
                new StreamLoad(target, options.concurrency(), progress).run(options.warmup(), 0);
            }
            progress.println("measured:");
            return new StreamLoad(target, options.concurrency(), progress).run(options.duration(), options.records());
        }
        progress.println(options.warmup().isZero() ? "measured:" : "warm-up, not measured:");
        return new ProduceLoad(target, options.concurrency(), options.rate(), progress)
                .run(options.warmup(), options.duration(), options.records());
    }

    /**
     * Prints the summaries; with {@code ratios}, the last one's MB/s over each other's; with {@code endToEnd}
     * (sorted nanoseconds), their percentiles.
     */
    private static void print(BenchOptions options, List<Summary> summaries, boolean ratios, long[] endToEnd) {
        Summary gateway = summaries.get(summaries.size() - 1);
        Map<String, Double> byReference = new LinkedHashMap<>();
        for (Summary reference : ratios ? summaries.subList(0, summaries.size() - 1) : List.<Summary>of()) {
            byReference.put("gateway / " + reference.target(), reference.megabytesPerSecond() == 0 ? 0
                    : gateway.megabytesPerSecond() / reference.megabytesPerSecond());
        }
        Map<String, Object> latency = endToEnd == null ? null : Latencies.percentiles(endToEnd);
        if (options.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("options", options);
            result.put("results", summaries);
            result.put("ratios", byReference);
            if (latency != null) {
                result.put("end_to_end_ms", latency);
            }
            System.out.println(JSON.writeValueAsString(result));
            return;
        }
        summaries.forEach(summary -> System.out.println(summary.line()));
        byReference.forEach((name, ratio) -> System.out.printf(Locale.ROOT, "%-32s %.2f (MB/s)%n", name, ratio));
        if (latency != null) {
            System.out.printf(Locale.ROOT, "end-to-end latency over %,d records:  p50 %6.1f  p95 %6.1f  p99 %6.1f"
                    + "  max %7.1f ms%n", endToEnd.length, latency.get("p50"), latency.get("p95"), latency.get("p99"),
                    latency.get("max"));
        }
    }

    /** A {@link ReferenceServer} in a JVM of its own on a free loopback port; closing it stops the JVM. */
    private record ReferenceProcess(Process process, String baseUrl) implements AutoCloseable {

        static ReferenceProcess start() throws IOException, InterruptedException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            String jar = System.getProperty("streamlog.bench.jar");
            if (jar == null) {
                throw new IllegalStateException("-Dstreamlog.bench.jar is not set (bin/bench sets it)");
            }
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(List.of(System.getProperty("streamlog.bench.reference-jvm", "-Xmx256m").split(" ")));
            command.addAll(List.of("-jar", jar, "reference-server", "--server.address=127.0.0.1",
                    "--server.port=" + port, "--logging.level.root=WARN",
                    "--server.tomcat.max-keep-alive-requests=-1"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of(System.getProperty("java.io.tmpdir"), "bench-reference.log").toFile())
                    .start();
            ReferenceProcess started = new ReferenceProcess(process, "http://127.0.0.1:" + port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!started.answers()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    started.close();
                    throw new IllegalStateException("the reference server did not start (see "
                            + System.getProperty("java.io.tmpdir") + "/bench-reference.log)");
                }
                Thread.sleep(200);
            }
            return started;
        }

        private boolean answers() {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + "/topics/ping").toURL()
                        .openConnection();
                connection.setRequestMethod("POST");
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(1000);
                return connection.getResponseCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
