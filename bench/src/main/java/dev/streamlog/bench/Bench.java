package dev.streamlog.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code bin/bench} command: {@code produce} loads the gateway; {@code consume} reads the topic from its start
 * with stateless partition reads ({@link ConsumeLoad}); {@code reference} loads, with the same client,
 * records and concurrency, a bare Spring MVC endpoint ({@link ReferenceServer} in a JVM of its own), a storage
 * leader's internal append endpoint and the gateway, one after the other, and prints the gateway's ratios to the
 * two. Every load runs a warm-up first that is not measured. Progress goes to standard error, results to standard
 * output (one JSON object with {@code --json}). Exit status 2 for a bad command line, 1 for a failed run.
 */
public final class Bench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        } catch (IllegalStateException | IOException e) {
            System.err.println("bin/bench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(BenchOptions options) throws Exception {
        Targets targets = new Targets(options);
        targets.ensureTopic();
        PrintStream progress = System.err;
        progress.printf(Locale.ROOT, "bin/bench %s: topic %s, %d B records, %d per request, acks=%s, concurrency %d%n",
                options.mode(), options.topic(), options.recordSize(), options.batch(), options.acks(),
                options.concurrency());
        List<Summary> summaries = new ArrayList<>();
        if (options.mode().equals("consume")) {
            ConsumeLoad reads = new ConsumeLoad(options.gateway(), options.topic(), options.concurrency(),
                    options.maxBytes(), progress);
            if (!options.warmup().isZero()) {
                progress.println("warm-up, not measured:");
                reads.run(options.warmup(), 0);
            }
            progress.println("measured:");
            summaries.add(reads.run(options.duration(), options.records()));
            print(options, summaries);
            return;
        }
        if (options.mode().equals("reference")) {
            try (ReferenceProcess bare = ReferenceProcess.start()) {
                summaries.add(measure(targets.bareEndpoint(bare.baseUrl()), options, progress));
            }
            summaries.add(measure(targets.directStorage(), options, progress));
        }
        summaries.add(measure(targets.gateway(), options, progress));
        print(options, summaries);
    }

    private static Summary measure(Target target, BenchOptions options, PrintStream progress)
            throws InterruptedException {
        if (!options.warmup().isZero()) {
            progress.println("warm-up, not measured:");
            new ProduceLoad(target, options.concurrency(), progress).run(options.warmup(), 0);
        }
        progress.println("measured:");
        Summary summary = new ProduceLoad(target, options.concurrency(), progress)
                .run(options.duration(), options.records());
        return summary;
    }

    private static void print(BenchOptions options, List<Summary> summaries) {
        Summary gateway = summaries.get(summaries.size() - 1);
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (Summary reference : summaries.subList(0, summaries.size() - 1)) {
            ratios.put("gateway / " + reference.target(), reference.megabytesPerSecond() == 0 ? 0
                    : gateway.megabytesPerSecond() / reference.megabytesPerSecond());
        }
        if (options.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("options", options);
            result.put("results", summaries);
            result.put("ratios", ratios);
            System.out.println(JSON.writeValueAsString(result));
            return;
        }
        summaries.forEach(summary -> System.out.println(summary.line()));
        ratios.forEach((name, ratio) -> System.out.printf(Locale.ROOT, "%-32s %.2f (MB/s)%n", name, ratio));
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
                    "--server.port=" + port, "--logging.level.root=WARN"));
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
