package dev.streamlog.client.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.streamlog.client.fixtures.TestClusterSignature;
import dev.streamlog.client.security.ClusterSignature;
import dev.streamlog.model.Acks;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.RecordBatch;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.batch.RecordDecoder;
import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.model.internal.ReadResponse;
import dev.streamlog.model.internal.StoredRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client against a real loopback HTTP server speaking the storage node's wire forms: appends go out as record
 * batches, and reads answered as record batches are cut to the offset and budget asked for.
 */
class HttpStorageClientTest {

    private static final TopicPartition PARTITION = new TopicPartition("t", 0);

    private HttpServer server;
    private String baseUrl;
    private final AtomicReference<byte[]> answerBody = new AtomicReference<>(new byte[0]);
    private final AtomicReference<String> highWatermarkHeader = new AtomicReference<>("0");
    private final AtomicReference<byte[]> appendBody = new AtomicReference<>();
    private final AtomicReference<String> appendType = new AtomicReference<>();
    private final AtomicReference<String> appendSignature = new AtomicReference<>();
    private HttpStorageClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/v1/partitions/t/0/records", exchange -> {
            byte[] body;
            if (exchange.getRequestMethod().equals("POST")) {
                appendType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
                appendSignature.set(exchange.getRequestHeaders().getFirst(ClusterSignature.HEADER));
                appendBody.set(exchange.getRequestBody().readAllBytes());
                body = "{\"base_offset\":40,\"leader_epoch\":3}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            } else {
                body = answerBody.get();
                exchange.getResponseHeaders().set("Content-Type", RecordBatches.MEDIA_TYPE);
                if (highWatermarkHeader.get() != null) {
                    exchange.getResponseHeaders().set(ReadResponse.HIGH_WATERMARK_HEADER, highWatermarkHeader.get());
                }
                exchange.getResponseHeaders().set(ReadResponse.LOG_START_OFFSET_HEADER, "2");
            }
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/internal/v1/partitions/t/1/offsets", exchange -> {
            byte[] body = "{\"error_code\":40101,\"message\":\"for members only\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        client = new HttpStorageClient(HttpClient.newHttpClient(), TestClusterSignature.signature(),
                JsonMapper.builder().build(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Batches of 5 records each from offset 10 on, stamped as a leader would; record n has the value "v{n}". */
    private static byte[] batchesFrom10(int count) {
        List<ByteBuffer> batches = new ArrayList<>();
        int total = 0;
        for (int b = 0; b < count; b++) {
            List<AppendRecord> records = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                records.add(new AppendRecord(null, ("v" + (10 + 5 * b + i)).getBytes(StandardCharsets.UTF_8),
                        List.of(), 1_000));
            }
            ByteBuffer batch = ByteBuffer.wrap(RecordBatches.encode(records, 1 << 20).bytes());
            RecordBatch.of(batch).setBaseOffset(10 + 5L * b);
            batches.add(batch);
            total += batch.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(total);
        batches.forEach(all::put);
        return all.array();
    }

    private StorageResult<ReadResponse> read(long offset, int maxBytes) throws Exception {
        return client.read(baseUrl, PARTITION, offset, maxBytes, Duration.ZERO).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAppendIsSentAsTheRecordBatchesGiven() throws Exception {
        RecordBatches batches = RecordBatches.encode(List.of(new AppendRecord(null, new byte[] {7}, List.of(), 5)),
                1 << 20);
        StorageResult<AppendResponse> result = client.append(baseUrl, PARTITION, batches, Acks.ALL)
                .get(10, TimeUnit.SECONDS);
        assertThat(result).isEqualTo(new StorageResult.Ok<>(new AppendResponse(40, 3)));
        assertThat(appendType.get()).isEqualTo(RecordBatches.MEDIA_TYPE);
        assertThat(appendBody.get()).isEqualTo(batches.bytes());
        assertThat(TestClusterSignature.signature().verify("POST", "/internal/v1/partitions/t/0/records",
                "acks=all", appendSignature.get())).isEqualTo(ClusterSignature.Verdict.VALID);
    }

    @Test
    void aNodeThatRefusesTheSignatureIsAnInternalErrorNotTheCallersAuthentication() throws Exception {
        StorageResult<?> result = client.offsets(baseUrl, new TopicPartition("t", 1)).get(10, TimeUnit.SECONDS);
        assertThat(result).isInstanceOfSatisfying(StorageResult.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
            assertThat(failed.message()).contains("cluster secret");
        });
    }

    @Test
    void aReadOfBatchesSkipsWhatLiesBeforeTheOffsetAndStopsAtTheHighWatermarkAndBudget() throws Exception {
        answerBody.set(batchesFrom10(2));
        highWatermarkHeader.set("18");
        StorageResult<ReadResponse> result = read(12, 1 << 20);
        assertThat(result).isInstanceOfSatisfying(StorageResult.Ok.class, ok -> {
            ReadResponse read = (ReadResponse) ok.value();
            assertThat(read.highWatermark()).isEqualTo(18);
            assertThat(read.logStartOffset()).isEqualTo(2);
            assertThat(read.records()).extracting(StoredRecord::offset).containsExactly(12L, 13L, 14L, 15L, 16L, 17L);
            assertThat(new String(read.records().get(0).value(), StandardCharsets.UTF_8)).isEqualTo("v12");
        });
        assertThat(read(12, 7)).isInstanceOfSatisfying(StorageResult.Ok.class,
                ok -> assertThat(((ReadResponse) ok.value()).records()).extracting(StoredRecord::offset)
                        .containsExactly(12L, 13L));
        assertThat(RecordDecoder.decode(ByteBuffer.wrap(batchesFrom10(2)), 12, 18, 7)).hasSize(2);
    }

    @Test
    void anEmptyReadHasNoRecords() throws Exception {
        highWatermarkHeader.set("10");
        assertThat(read(10, 1 << 20)).isEqualTo(new StorageResult.Ok<>(new ReadResponse(10, 2, List.of())));
    }

    @Test
    void aReadAnswerThatDoesNotParseIsRetriable() throws Exception {
        byte[] cut = batchesFrom10(1);
        answerBody.set(java.util.Arrays.copyOf(cut, cut.length - 3));
        highWatermarkHeader.set("15");
        assertThat(read(10, 1 << 20)).isInstanceOfSatisfying(StorageResult.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(ErrorCode.RETRIABLE);
            assertThat(failed.message()).contains("does not parse");
        });
        answerBody.set(batchesFrom10(1));
        highWatermarkHeader.set(null);
        assertThat(read(10, 1 << 20)).isInstanceOfSatisfying(StorageResult.Failed.class,
                failed -> assertThat(failed.message()).contains(ReadResponse.HIGH_WATERMARK_HEADER));
    }
}
