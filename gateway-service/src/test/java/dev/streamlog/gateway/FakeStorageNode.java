package dev.streamlog.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streamlog.model.batch.AppendOutcomes;
import dev.streamlog.model.batch.PartitionAppends;
import dev.streamlog.model.batch.RecordBatch;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.batch.RecordDecoder;
import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.model.internal.NotLeaderResponse;
import dev.streamlog.model.internal.ReadResponse;
import dev.streamlog.model.internal.StoredRecord;
import dev.streamlog.model.v2.PartitionOffsets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a storage node's internal API on a real loopback HTTP server (the JDK's): keeps each partition's
 * records in memory, answers appends (record batches, one partition or several), reads (record batches when asked, else JSON) and offsets as the contract
 * says, and can be told to refuse one call for a partition as "not leader" after running a hook. Records every call as {@code METHOD topic-partition}.
 * Thread-safe.
 */
final class FakeStorageNode implements AutoCloseable {

    private static final String PREFIX = "/internal/v1/partitions/";
    private static final String APPENDS = "/internal/v1/appends";

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, List<StoredRecord>> logs = new ConcurrentHashMap<>();
    private final Map<String, Runnable> notLeaderOnce = new ConcurrentHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    FakeStorageNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The next call for {@code topic-partition} runs {@code hook}, then is answered 421. */
    void refuseOnceAsNotLeader(String topicPartition, Runnable hook) {
        notLeaderOnce.put(topicPartition, hook);
    }

    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    List<StoredRecord> log(String topicPartition) {
        return logs.getOrDefault(topicPartition, List.of());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals(APPENDS)) {
                List<AppendOutcomes.Outcome> outcomes = new ArrayList<>();
                for (PartitionAppends.Append append : PartitionAppends.decode(ByteBuffer.wrap(exchange.getRequestBody()
                        .readAllBytes()))) {
                    String topicPartition = append.partition().topic() + "-" + append.partition().partition();
                    calls.add("POST " + topicPartition);
                    outcomes.add(appendOutcome(topicPartition, append.batches()));
                }
                respond(exchange, AppendOutcomes.MEDIA_TYPE, AppendOutcomes.encode(outcomes));
                return;
            }
            if (!path.startsWith(PREFIX)) {
                respond(exchange, 404, Map.of("error_code", 404, "message", "no route"));
                return;
            }
            String[] parts = path.substring(PREFIX.length()).split("/");
            String topicPartition = parts[0] + "-" + parts[1];
            calls.add(exchange.getRequestMethod() + " " + topicPartition);
            if (exchange.getRequestMethod().equals("POST")) {
                AppendOutcomes.Outcome outcome = appendOutcome(topicPartition,
                        ByteBuffer.wrap(exchange.getRequestBody().readAllBytes()));
                respond(exchange, outcome.status(), json.readTree(outcome.body()));
                return;
            }
            Runnable hook = notLeaderOnce.remove(topicPartition);
            if (hook != null) {
                hook.run();
                respond(exchange, 421, new NotLeaderResponse(42101, "not the leader of " + topicPartition, null));
                return;
            }
            List<StoredRecord> log = logOf(topicPartition);
            synchronized (log) {
                if (parts[2].equals("offsets")) {
                    respond(exchange, 200, new PartitionOffsets(0, log.size()));
                } else {
                    long offset = Long.parseLong(query(exchange, "offset"));
                    List<StoredRecord> records = log.stream().filter(r -> r.offset() >= offset).toList();
                    if (String.valueOf(exchange.getRequestHeaders().getFirst("Accept"))
                            .contains(RecordBatches.MEDIA_TYPE)) {
                        exchange.getResponseHeaders().set(ReadResponse.HIGH_WATERMARK_HEADER,
                                Integer.toString(log.size()));
                        exchange.getResponseHeaders().set(ReadResponse.LOG_START_OFFSET_HEADER, "0");
                        respond(exchange, RecordBatches.MEDIA_TYPE, batches(records));
                    } else {
                        respond(exchange, 200, new ReadResponse(log.size(), 0, records));
                    }
                }
            }
        }
    }

    /** What an append of {@code batches} to the partition is answered: 421 once if asked, else 200 and its offset. */
    private AppendOutcomes.Outcome appendOutcome(String topicPartition, ByteBuffer batches) {
        Runnable hook = notLeaderOnce.remove(topicPartition);
        if (hook != null) {
            hook.run();
            return new AppendOutcomes.Outcome(421, json.writeValueAsBytes(new NotLeaderResponse(42101,
                    "not the leader of " + topicPartition, null)));
        }
        List<StoredRecord> log = logOf(topicPartition);
        synchronized (log) {
            List<StoredRecord> appended = RecordDecoder.decode(batches, 0, Long.MAX_VALUE, Integer.MAX_VALUE);
            long base = log.size();
            for (StoredRecord record : appended) {
                log.add(new StoredRecord(log.size(), record.timestamp(), record.key(), record.value(),
                        record.headers()));
            }
            return new AppendOutcomes.Outcome(200, json.writeValueAsBytes(new AppendResponse(base, 0)));
        }
    }

    private List<StoredRecord> logOf(String topicPartition) {
        return logs.computeIfAbsent(topicPartition, tp -> Collections.synchronizedList(new ArrayList<>()));
    }

    private static String query(HttpExchange exchange, String name) {
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + name);
    }

    private void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Records of consecutive offsets as one record batch stamped with the first one's offset, as a leader keeps them. */
    private static byte[] batches(List<StoredRecord> records) {
        if (records.isEmpty()) {
            return new byte[0];
        }
        byte[] batch = RecordBatches.encode(records.stream().map(r -> new AppendRecord(r.key(), r.value(),
                r.headers(), r.timestamp())).toList(), Integer.MAX_VALUE).bytes();
        RecordBatch.of(ByteBuffer.wrap(batch)).setBaseOffset(records.get(0).offset());
        return batch;
    }

    private static void respond(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
