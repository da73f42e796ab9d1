package dev.streamlog.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code bin/bench}: {@code <mode> --name value ...} with flags {@code --json},
 * {@code --help}. Every option has a default; a number out of range or an unknown option is refused with a message.
 *
 * @param mode              {@code produce}, {@code consume}, {@code e2e} or {@code reference}
 * @param gateway           the gateway's base URL
 * @param topic             the topic produced to
 * @param records           stop after this many acknowledged records (0: run for {@code duration})
 * @param duration          how long to run when no record count is given
 * @param warmup            unrecorded load before the measured run
 * @param recordSize        value bytes per record
 * @param batch             records per request
 * @param acks              {@code 0}, {@code 1} or {@code all}
 * @param concurrency       requests in flight (one keep-alive connection each)
 * @param createPartitions  create the topic with this many partitions when it is missing (0: never)
 * @param replicationFactor the replication factor of a created topic
 * @param minInsyncReplicas {@code min.insync.replicas} of a created topic (0: the cluster's default)
 * @param rate              produce at most this many records per second in all, paced per thread, with each
 *                          request's latency counted from when it was due (0: closed loop, as fast as answered)
 * @param maxBytes          {@code max_bytes} of each read or poll ({@code consume}, {@code e2e})
 * @param group             the consumer group of {@code consume --group} and {@code e2e}; null for
 *                          {@code consume --stateless} and the other modes ({@code e2e} defaults to a new group)
 * @param json              print one machine-readable summary instead of text
 * @param api               the produce API: {@code v2} ({@code POST /topics/{t}}, binary embedded format) or
 *                          {@code v3} ({@code POST /v3/clusters/{c}/topics/{t}/records}, the records as concatenated
 *                          JSON, type BINARY)
 * @param stream            with {@code --api v3}: produce in streaming mode, each producer one chunked request held
 *                          open for the whole run ({@link StreamLoad})
 * @param format            the embedded format of produced values: {@code binary} (random bytes, base64; v3 type
 *                          BINARY), {@code json} (a JSON object of {@code recordSize} bytes; v3 type JSON) or
 *                          {@code text} (letters and digits; v3 type STRING)
 * @param commit            how {@code consume --group} and {@code e2e} members commit: {@code poll} (auto-commit off,
 *                          an explicit commit after every poll that returned records) or {@code auto} (the instances'
 *                          auto-commit, Kafka's and Confluent's default: every 5 s and before partitions move)
 */
record BenchOptions(String mode, String gateway, String topic, long records, Duration duration, Duration warmup,
                    int recordSize, int batch, String acks, int concurrency, int createPartitions,
                    int replicationFactor, int minInsyncReplicas, long rate, int maxBytes, String group,
                    boolean json, String api, boolean stream, String format, String commit) {

    /** The smallest JSON value of the json format: {@code {"data":""}}. */
    static final int MIN_JSON_RECORD_SIZE = 11;

    static final String USAGE = """
            bin/bench produce   [options]   produce through the gateway and report records/s, MB/s, latency
            bin/bench consume   [options]   read the topic: --group G (a consumer group, --concurrency members)
                                            or --stateless (partition reads by offset, from the start)
            bin/bench e2e       [options]   produce and consume (a new group) at once; end-to-end latency from
                                            each record's timestamp to its arrival at the consumer
            bin/bench reference [options]   the same load against a bare Spring MVC endpoint and direct storage
                                            appends, then the gateway, and the ratios between them
            options (defaults):
              --gateway URL            http://127.0.0.1:8080
              --topic T                bench
              --records N              0 (run for --duration)
              --duration S             20 (seconds)
              --warmup S               5 (seconds, not measured)
              --record-size B          1024
              --batch R                100
              --acks 0|1|all           1
              --concurrency C          8
              --create-partitions P    0 (create T with P partitions when it does not exist)
              --replication-factor F   1
              --min-insync-replicas N  0 (min.insync.replicas of a created topic; 0: the cluster's default)
              --rate R                 0 (records/s in all, paced; 0: each thread sends when answered)
              --max-bytes B            1048576 (per read or poll: consume, e2e)
              --group G                consumer group (consume --group; e2e: bench-e2e-<time>)
              --stateless              consume with stateless partition reads
              --api v2|v3              v2 (the produce API: v2 POST /topics/T, or v3 POST …/topics/T/records)
              --stream                 with --api v3: each producer streams its records in one chunked request
              --format binary|json|text binary (the embedded format of the produced values; json: objects of
                                       --record-size bytes, at least 11; text: letters and digits)
              --commit poll|auto       poll (consume --group, e2e: commit after every poll; auto: the instances'
                                       auto-commit, every 5 s and before partitions move)
              --json                   one JSON summary on standard output
            environment:
              STREAMLOG_BENCH_AUTHORIZATION  the Authorization header every request to the gateway carries
                                       (Basic ... or Bearer ...), for a gateway that authenticates""";

    private static final Set<String> MODES = Set.of("produce", "consume", "e2e", "reference");
    private static final Set<String> FLAGS = Set.of("--json", "--stateless", "--stream");

    /** Parses {@code args}; throws {@link IllegalArgumentException} with the reason. */
    static BenchOptions parse(List<String> args) {
        if (args.isEmpty() || !MODES.contains(args.get(0))) {
            throw new IllegalArgumentException("the first argument is the mode: produce, consume, e2e or reference");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String name = args.get(i);
            if (FLAGS.contains(name)) {
                values.put(name, "true");
            } else if (name.startsWith("--") && i + 1 < args.size()) {
                values.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("unexpected argument '" + name + "'");
            }
        }
        BenchOptions options = new BenchOptions(args.get(0),
                text(values, "--gateway", "http://127.0.0.1:8080").replaceAll("/+$", ""),
                text(values, "--topic", "bench"),
                number(values, "--records", 0, 0, Long.MAX_VALUE),
                Duration.ofSeconds(number(values, "--duration", 20, 1, 86_400)),
                Duration.ofSeconds(number(values, "--warmup", 5, 0, 3_600)),
                (int) number(values, "--record-size", 1024, 0, 1 << 20),
                (int) number(values, "--batch", 100, 1, 100_000),
                text(values, "--acks", "1"),
                (int) number(values, "--concurrency", 8, 1, 1024),
                (int) number(values, "--create-partitions", 0, 0, 10_000),
                (int) number(values, "--replication-factor", 1, 1, 16),
                (int) number(values, "--min-insync-replicas", 0, 0, 16),
                number(values, "--rate", 0, 0, 100_000_000),
                (int) number(values, "--max-bytes", 1 << 20, 1, 64 << 20),
                group(args.get(0), values),
                values.remove("--json") != null,
                text(values, "--api", "v2"),
                values.remove("--stream") != null,
                text(values, "--format", "binary"),
                text(values, "--commit", "poll"));
        if (!Set.of("0", "1", "all").contains(options.acks())) {
            throw new IllegalArgumentException("--acks is 0, 1 or all, not '" + options.acks() + "'");
        }
        if (!Set.of("v2", "v3").contains(options.api())) {
            throw new IllegalArgumentException("--api is v2 or v3, not '" + options.api() + "'");
        }
        if (!Set.of("binary", "json", "text").contains(options.format())) {
            throw new IllegalArgumentException("--format is binary, json or text, not '" + options.format() + "'");
        }
        if (!Set.of("poll", "auto").contains(options.commit())) {
            throw new IllegalArgumentException("--commit is poll or auto, not '" + options.commit() + "'");
        }
        if (options.format().equals("json") && options.recordSize() < MIN_JSON_RECORD_SIZE) {
            throw new IllegalArgumentException("--format json needs --record-size " + MIN_JSON_RECORD_SIZE
                    + " or more (the smallest value is {\"data\":\"\"})");
        }
        if (options.stream() && !options.api().equals("v3")) {
            throw new IllegalArgumentException("--stream is the v3 produce's streaming mode: add --api v3");
        }
        if (options.stream() && options.rate() > 0) {
            throw new IllegalArgumentException("--rate paces requests; a stream sends as fast as its reports come");
        }
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option " + values.keySet().iterator().next());
        }
        return options;
    }

    /** The group the mode reads with: consume needs exactly one of --group and --stateless; e2e may name one. */
    private static String group(String mode, Map<String, String> values) {
        String group = values.remove("--group");
        boolean stateless = values.remove("--stateless") != null;
        if (mode.equals("consume") && (group == null) == !stateless) {
            throw new IllegalArgumentException("consume reads either with a group (--group G) or without one"
                    + " (--stateless)");
        }
        if (!mode.equals("consume") && !mode.equals("e2e") && (group != null || stateless)) {
            throw new IllegalArgumentException("--group and --stateless are options of consume and e2e");
        }
        if (mode.equals("e2e") && stateless) {
            throw new IllegalArgumentException("e2e consumes with a group; --stateless is for consume");
        }
        if (mode.equals("e2e") && group == null) {
            return "bench-e2e-" + System.currentTimeMillis();
        }
        return group;
    }

    private static String text(Map<String, String> values, String name, String fallback) {
        String value = values.remove(name);
        return value == null ? fallback : value;
    }

    private static long number(Map<String, String> values, String name, long fallback, long min, long max) {
        String value = values.remove(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
