package dev.streamlog.storage.fetch;

import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.internal.OffsetForTimestamp;
import dev.streamlog.model.internal.ReadResponse;
import dev.streamlog.model.v2.PartitionOffsets;
import dev.streamlog.storage.web.StorageAnswers;
import dev.streamlog.storage.web.Requests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/v1/partitions/{topic}/{partition}/records?offset=&max_bytes=&timeout_ms=}
 * (answered by {@link StorageAnswers}, so a long poll holds no thread). When the {@code Accept} header names
 * {@link RecordBatches#MEDIA_TYPE}, as the services' client does, the answer is the record batches as they lie in
 * the log (from the one holding {@code offset}; none reaching the high watermark), with the high watermark and log
 * start offset in the {@link ReadResponse} headers: the reader skips what lies before its offset and keeps to its
 * budget. Otherwise it is a {@link ReadResponse} in JSON, holding exactly the records asked for. Also
 * {@code GET /internal/v1/partitions/{topic}/{partition}/offsets} and
 * {@code GET /internal/v1/partitions/{topic}/{partition}/offsets/by-timestamp?timestamp=} (an
 * {@link OffsetForTimestamp}; a negative timestamp is 400/40001). Thread-safe (stateless).
 */
@RestController
class FetchController {

    private final Reader reader;
    private final StorageAnswers answers;

    FetchController(Reader reader, StorageAnswers answers) {
        this.reader = reader;
        this.answers = answers;
    }

    @GetMapping(path = "/internal/v1/partitions/{topic}/{partition}/records",
            produces = {MediaType.APPLICATION_JSON_VALUE, RecordBatches.MEDIA_TYPE})
    void read(@PathVariable String topic, @PathVariable int partition,
              @RequestParam long offset,
              @RequestParam(name = "max_bytes", required = false) Integer maxBytes,
              @RequestParam(name = "timeout_ms", defaultValue = "0") long timeoutMs,
              HttpServletRequest request, HttpServletResponse response) {
        Requests.notNegative("offset", offset);
        if (maxBytes != null) {
            Requests.notNegative("max_bytes", maxBytes);
        }
        Requests.notNegative("timeout_ms", timeoutMs);
        CompletableFuture<LogRead> read = reader.read(Requests.topic(topic), partition, offset, maxBytes, timeoutMs);
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(RecordBatches.MEDIA_TYPE)) {
            answers.answer(request, response, read, FetchController::writeBatches);
        } else {
            answers.json(request, response, read.thenApply(LogRead::decoded));
        }
    }

    private static void writeBatches(LogRead read, HttpServletResponse response) throws IOException {
        ByteBuffer batches = read.batches();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(RecordBatches.MEDIA_TYPE);
        response.setHeader(ReadResponse.HIGH_WATERMARK_HEADER, Long.toString(read.highWatermark()));
        response.setHeader(ReadResponse.LOG_START_OFFSET_HEADER, Long.toString(read.logStartOffset()));
        response.setContentLength(batches.remaining());
        if (batches.hasRemaining()) {
            response.getOutputStream().write(batches.array(), batches.arrayOffset() + batches.position(),
                    batches.remaining());
        }
    }

    @GetMapping(path = "/internal/v1/partitions/{topic}/{partition}/offsets", produces = MediaType.APPLICATION_JSON_VALUE)
    PartitionOffsets offsets(@PathVariable String topic, @PathVariable int partition) {
        return reader.offsets(Requests.topic(topic), partition);
    }

    @GetMapping(path = "/internal/v1/partitions/{topic}/{partition}/offsets/by-timestamp",
            produces = MediaType.APPLICATION_JSON_VALUE)
    OffsetForTimestamp offsetForTimestamp(@PathVariable String topic, @PathVariable int partition,
                                          @RequestParam long timestamp) {
        Requests.notNegative("timestamp", timestamp);
        return reader.offsetForTimestamp(Requests.topic(topic), partition, timestamp);
    }
}
