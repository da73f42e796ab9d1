package dev.streamlog.storage.produce;

import dev.streamlog.model.Acks;
import dev.streamlog.model.batch.AppendOutcomes;
import dev.streamlog.model.batch.CorruptBatchException;
import dev.streamlog.model.batch.PartitionAppends;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.internal.AppendRequest;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.web.StorageAnswers;
import dev.streamlog.storage.web.BadRequestException;
import dev.streamlog.storage.web.Requests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/partitions/{topic}/{partition}/records}: the leader's append, answered
 * ({@link AppendResponse}) by {@link StorageAnswers} once the {@code acks} are met. The body is either record
 * batches ({@link RecordBatches#MEDIA_TYPE}, what the services send: encoded once by the sender, written as they
 * came) or an {@link AppendRequest} as JSON (base64 bytes; for tools and people). A batches body over
 * {@code produce.max-request-size} is answered 413 unread; one whose framing, checksums or records do not hold
 * 400, with nothing appended.
 *
 * <p>{@code POST /internal/v1/appends}: several partitions' appends in one request ({@link PartitionAppends}, what
 * the gateway sends when client requests to this node's partitions meet), answered with one outcome per entry
 * ({@link AppendOutcomes}) by {@link PartitionAppendsAppender} once every entry has its own. A body that does not
 * frame is 400 and nothing of it is appended; within it, each entry stands alone. Thread-safe (stateless).
 */
@RestController
class ProduceController {

    private static final String RECORDS = "/internal/v1/partitions/{topic}/{partition}/records";
    private static final String APPENDS = "/internal/v1/appends";

    private final Appender appender;
    private final PartitionAppendsAppender multiAppender;
    private final StorageAnswers answers;
    private final int maxRequestSize;

    ProduceController(Appender appender, PartitionAppendsAppender multiAppender, StorageAnswers answers,
                      StorageProperties properties) {
        this.appender = appender;
        this.multiAppender = multiAppender;
        this.answers = answers;
        this.maxRequestSize = (int) properties.produce().maxRequestSize().toBytes();
    }

    @PostMapping(path = RECORDS, consumes = RecordBatches.MEDIA_TYPE, produces = MediaType.APPLICATION_JSON_VALUE)
    void appendBatches(@PathVariable String topic, @PathVariable int partition,
                       @RequestParam(defaultValue = "all") String acks,
                       HttpServletRequest request, HttpServletResponse response) throws IOException {
        String checkedTopic = Requests.topic(topic);
        Acks checkedAcks = Requests.acks(acks);
        List<ByteBuffer> batches;
        try {
            batches = RecordBatches.split(ByteBuffer.wrap(readBody(request)));
        } catch (CorruptBatchException e) {
            throw new BadRequestException("the append body is not a well-formed " + RecordBatches.MEDIA_TYPE
                    + " body: " + e.getMessage());
        }
        answers.json(request, response, appender.appendBatches(checkedTopic, partition, batches, checkedAcks));
    }

    @PostMapping(path = APPENDS, consumes = PartitionAppends.MEDIA_TYPE, produces = AppendOutcomes.MEDIA_TYPE)
    void appendToPartitions(@RequestParam(defaultValue = "all") String acks, HttpServletRequest request,
                            HttpServletResponse response) throws IOException {
        Acks checkedAcks = Requests.acks(acks);
        List<PartitionAppends.Append> appends;
        try {
            appends = PartitionAppends.decode(ByteBuffer.wrap(readBody(request)));
        } catch (CorruptBatchException e) {
            throw new BadRequestException("the appends body is not a well-formed " + PartitionAppends.MEDIA_TYPE
                    + " body: " + e.getMessage());
        }
        answers.answer(request, response, multiAppender.append(appends, checkedAcks), (outcomes, out) -> {
            byte[] body = AppendOutcomes.encode(outcomes);
            out.setStatus(HttpServletResponse.SC_OK);
            out.setContentType(AppendOutcomes.MEDIA_TYPE);
            out.setContentLength(body.length);
            out.getOutputStream().write(body);
        });
    }

    @PostMapping(path = RECORDS, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    void appendJson(@PathVariable String topic, @PathVariable int partition,
                    @RequestParam(defaultValue = "all") String acks,
                    @RequestBody AppendRequest body, HttpServletRequest request, HttpServletResponse response) {
        answers.json(request, response, appender.append(Requests.topic(topic), partition, body, Requests.acks(acks)));
    }

    private byte[] readBody(HttpServletRequest request) throws IOException {
        return Requests.body(request, maxRequestSize, "the append body", "streamlog.storage.produce.max-request-size");
    }
}
