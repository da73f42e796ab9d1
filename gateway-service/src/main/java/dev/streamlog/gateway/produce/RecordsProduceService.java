package dev.streamlog.gateway.produce;

import dev.streamlog.client.metadata.ClusterMetadata;
import dev.streamlog.client.metadata.TopicView;
import dev.streamlog.gateway.config.GatewayProperties;
import dev.streamlog.gateway.format.EncodedRecord;
import dev.streamlog.gateway.format.RecordStreamReader;
import dev.streamlog.gateway.format.StreamedRecord;
import dev.streamlog.gateway.metadata.ClusterIdCheck;
import dev.streamlog.gateway.metadata.Lookups;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.gateway.web.RequestMemory;
import dev.streamlog.model.Acks;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.v2.PartitionOffset;
import dev.streamlog.model.v3.ProduceBatchResponse;
import dev.streamlog.model.v3.ProduceReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The v3 produce, as Confluent's openapi {@code produceRecord} has it: the body's records (concatenated JSON objects,
 * {@link RecordStreamReader}) go to the topic with the same partitioning, batching per partition, routing and
 * durability as a v2 produce ({@link ProduceService#deliver}; {@code ?acks=} is Streamlog's addition, default all),
 * and the answer is 200 with one delivery report per record, in the body's order, each a JSON object followed by
 * {@code \r\n}: {@code error_code} 200 with partition, offset and timestamp for a record written; 400 for one refused
 * as written, 404 for a {@code partition_id} the topic does not have, and the v2 five-digit code for one its leader
 * did not take (e.g. 50302, 50003). Whole-request errors are answered as on every route: the content type not
 * {@code application/json} 415/415, an unknown charset 400/40001, another cluster's id 404/404, the topic name
 * 400/40001, an internal topic 403/40301, an unknown topic 404/40403 (Confluent's v3 code), an empty body 400/40001, too many records
 * 413/41301; a record that as a batch of its own exceeds {@code max.message.bytes} gets a 413 report. A body with
 * a {@code Content-Length} is read whole before anything is produced, so every report comes once the request has
 * ended; a chunked one is a stream ({@link ProduceStreams}). Stateless; thread-safe.
 */
@Service
public class RecordsProduceService {

    /** The most entries of one batch produce: Confluent's {@code api.v3.produce.batch.maximum.entries} allows 50. */
    static final int MAX_BATCH_ENTRIES = 50;
    private static final byte[] SEPARATOR = "\r\n".getBytes(StandardCharsets.US_ASCII);
    /** A content type's charset parameter, read apart from the rest (Spring refuses a type whose charset it lacks). */
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset=([^;]*)", Pattern.CASE_INSENSITIVE);

    private final ProduceService produce;
    private final ClusterMetadata metadata;
    private final ClusterIdCheck clusterId;
    private final Clock clock;
    private final JsonMapper json;
    private final int maxRecordsPerRequest;

    public RecordsProduceService(ProduceService produce, ClusterMetadata metadata, ClusterIdCheck clusterId,
                                 Clock clock, JsonMapper json, GatewayProperties properties) {
        this.produce = produce;
        this.metadata = metadata;
        this.clusterId = clusterId;
        this.clock = clock;
        this.json = json;
        this.maxRecordsPerRequest = properties.maxRecordsPerRequest();
    }

    /**
     * Produces the body's records to {@code topicName} of cluster {@code cluster}.
     *
     * @throws ApiException for a request refused before anything was sent
     */
    public CompletableFuture<ResponseEntity<?>> produce(String cluster, String topicName, String contentType,
                                                        String acksParameter, InputStream body,
                                                        RequestMemory.Reservation memory) {
        Acks acks = writable(topicName, acksParameter);
        List<StreamedRecord> records = RecordStreamReader.read(body, charset(contentType), maxRecordsPerRequest,
                0, memory);
        return toTopic(cluster, topicName, acks, destination -> reports(destination, records, 0, memory)
                .thenApply(this::answer));
    }

    /**
     * A batch produce ({@code …/records:batch}): the body's entries ({@link RecordStreamReader#readBatch}, at most
     * {@link #MAX_BATCH_ENTRIES}) are produced as one, each refused or written on its own, and the answer is 207 with
     * the entries written in {@code successes} and the others in {@code failures}, each named by its id. The checks
     * and whole-request errors are {@link #produce}'s, plus the batch's own (422/42208).
     *
     * @throws ApiException for a request refused before anything was sent
     */
    public CompletableFuture<ResponseEntity<?>> produceBatch(String cluster, String topicName, String contentType,
                                                             String acksParameter, InputStream body,
                                                             RequestMemory.Reservation memory) {
        Acks acks = writable(topicName, acksParameter);
        List<RecordStreamReader.BatchEntry> entries = RecordStreamReader.readBatch(body, charset(contentType),
                MAX_BATCH_ENTRIES, memory);
        List<StreamedRecord> records = entries.stream().map(RecordStreamReader.BatchEntry::record).toList();
        return toTopic(cluster, topicName, acks, destination -> reports(destination, records, 0, memory)
                .thenApply(reports -> batchAnswer(entries, reports)));
    }

    /** A produce's acks, once the topic's name (400/40001) and that clients may write it (403/40301) are checked. */
    private static Acks writable(String topicName, String acksParameter) {
        Lookups.validTopicName(topicName);
        Acks acks = ProduceService.acks(acksParameter);
        ProduceService.checkWritable(topicName);
        return acks;
    }

    /** Runs {@code then} on the topic once the cluster id is checked; an error of either is the answer. */
    private CompletableFuture<ResponseEntity<?>> toTopic(String cluster, String topicName, Acks acks,
            Function<Destination, CompletableFuture<ResponseEntity<?>>> then) {
        return clusterId.checked(cluster, () -> {
            try {
                return then.apply(new Destination(cluster, Lookups.topic(metadata, topicName, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION), acks));
            } catch (ApiException e) {
                return CompletableFuture.completedFuture(ErrorResponses.of(e));
            }
        });
    }

    private static ResponseEntity<?> batchAnswer(List<RecordStreamReader.BatchEntry> entries,
                                                 List<ProduceReport> reports) {
        List<ProduceBatchResponse.Success> successes = new ArrayList<>();
        List<ProduceBatchResponse.Failure> failures = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ProduceReport report = reports.get(i);
            String id = entries.get(i).id();
            if (report.errorCode() == ProduceReport.WRITTEN) {
                successes.add(ProduceBatchResponse.Success.of(id, report));
            } else {
                failures.add(new ProduceBatchResponse.Failure(id, report.errorCode(), report.message()));
            }
        }
        return ResponseEntity.status(207).contentType(MediaType.APPLICATION_JSON)
                .body(new ProduceBatchResponse(successes, failures));
    }

    /**
     * The checks of a streamed produce, before its answer starts: as {@link #produce}'s, with the cluster id read
     * within {@code timeout} (blocking), and a charset that keeps JSON's punctuation in single bytes (the stream is
     * split into records byte by byte).
     *
     * @throws ApiException for a stream refused before anything was read
     */
    Stream open(String cluster, String topicName, String contentType, String acksParameter) {
        Acks acks = writable(topicName, acksParameter);
        Charset charset = charset(contentType);
        if (!keepsAsciiPunctuation(charset)) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "a streamed produce's charset must write JSON's"
                    + " punctuation as ASCII does (UTF-8, ISO-8859-1, …), not " + charset.name());
        }
        clusterId.require(cluster);
        return new Stream(new Destination(cluster, Lookups.topic(metadata, topicName, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION), acks), charset);
    }

    /** Whether {@code charset} writes JSON's punctuation and whitespace as the same single bytes as ASCII. */
    private static boolean keepsAsciiPunctuation(Charset charset) {
        String probe = "{}[]\":,\\ \t\r\n";
        return charset.canEncode() && Arrays.equals(probe.getBytes(charset), probe.getBytes(StandardCharsets.US_ASCII));
    }

    /** Where a checked produce goes. */
    record Destination(String cluster, TopicView topic, Acks acks) {
    }

    /** A streamed produce, checked: where it goes and its body's charset. */
    record Stream(Destination destination, Charset charset) {
    }

    /** The body's charset: {@code application/json} with UTF-8 unless a charset parameter says otherwise. */
    private static Charset charset(String contentType) {
        Matcher charset = contentType == null ? null : CHARSET.matcher(contentType);
        String name = charset != null && charset.find() ? charset.group(1).replace("\"", "").trim() : null;
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(name == null ? contentType
                    : contentType.substring(0, charset.start()) + contentType.substring(charset.end()));
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        if (type == null || !type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.isWildcardType()
                || type.isWildcardSubtype()) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content type " + contentType
                    + " is not supported; a v3 produce is application/json");
        }
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "the content type's charset '" + name
                    + "' is not one this gateway knows");
        }
    }

    /**
     * Produces the {@link StreamedRecord.Written} ones of {@code records} and completes with every record's report,
     * in order; records are named in messages by their index from {@code firstIndex}. Each record stands alone: one
     * that as a batch of its own exceeds the topic's {@code max.message.bytes} gets a 413 report, and the others are
     * sent.
     */
    CompletableFuture<List<ProduceReport>> reports(Destination destination, List<StreamedRecord> records,
                                                   long firstIndex, RequestMemory.Reservation memory) {
        TopicView topic = destination.topic();
        long now = clock.millis();
        List<EncodedRecord> sent = new ArrayList<>(records.size());
        List<Integer> sentIndexes = new ArrayList<>(records.size());
        ProduceReport[] reports = new ProduceReport[records.size()];
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) instanceof StreamedRecord.Refused refused) {
                reports[i] = ProduceReport.failed(refused.errorCode(), refused.message());
            } else if (records.get(i) instanceof StreamedRecord.Written written) {
                EncodedRecord record = written.record();
                Integer partition = record.partition();
                if (partition != null && !topic.hasPartition(partition)) {
                    reports[i] = ProduceReport.failed(404, "record " + (firstIndex + i) + ": partition_id "
                            + partition + " of topic '" + topic.name() + "' does not exist; it has "
                            + topic.partitionCount());
                } else {
                    sent.add(new EncodedRecord(record.key(), record.value(), partition, record.headers(),
                            record.timestamp() == null ? now : record.timestamp()));
                    sentIndexes.add(i);
                }
            }
        }
        CompletableFuture<List<PartitionOffset>> delivered = null;
        while (delivered == null && !sent.isEmpty()) {
            try {
                delivered = produce.deliver(topic, sent, null, destination.acks(), memory);
            } catch (RecordTooLargeException e) {
                int index = sentIndexes.remove(e.index());
                sent.remove(e.index());
                reports[index] = ProduceReport.failed(413, "record " + (firstIndex + index) + ": "
                        + e.getMessage().replaceFirst("^records\\[\\d+] ", ""));
            }
        }
        if (delivered == null) {
            return CompletableFuture.completedFuture(List.of(reports));
        }
        return delivered.thenApply(offsets -> {
            for (int next = 0; next < sent.size(); next++) {
                int i = sentIndexes.get(next);
                reports[i] = report(destination.cluster(), topic.name(), (StreamedRecord.Written) records.get(i),
                        sent.get(next), offsets.get(next));
            }
            return List.of(reports);
        });
    }

    private static ProduceReport report(String cluster, String topic, StreamedRecord.Written written,
                                        EncodedRecord sent, PartitionOffset offset) {
        if (offset.errorCode() != null) {
            return ProduceReport.failed(offset.errorCode(), offset.error());
        }
        return new ProduceReport(ProduceReport.WRITTEN, null, cluster, topic, offset.partition(), offset.offset(),
                Instant.ofEpochMilli(sent.timestamp()).toString(), data(written.keyType(), sent.key()),
                data(written.valueType(), sent.value()));
    }

    private static ProduceReport.Data data(String type, byte[] bytes) {
        return type == null ? null : new ProduceReport.Data(type, bytes == null ? 0 : bytes.length);
    }

    /** 200 with the reports as concatenated JSON, each followed by {@code \r\n} as Confluent writes them. */
    private ResponseEntity<?> answer(List<ProduceReport> reports) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(reports.size() * 200);
        reports.forEach(report -> write(report, body));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body.toByteArray());
    }

    /** Writes one report as a stream's answer carries it: its JSON and {@code \r\n}. */
    void write(ProduceReport report, OutputStream out) {
        try {
            out.write(json.writeValueAsBytes(report));
            out.write(SEPARATOR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
