package dev.streamlog.storage.replica;

import dev.streamlog.model.internal.EpochEndOffsetResponse;
import dev.streamlog.model.internal.LeaderAndIsrRequest;
import dev.streamlog.model.internal.PartitionLeadership;
import dev.streamlog.storage.web.StorageAnswers;
import dev.streamlog.storage.web.BadRequestException;
import dev.streamlog.storage.web.Requests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The storage-to-storage and controller-to-storage endpoints:
 * <ul>
 *   <li>{@code GET /internal/v1/replicas/{t}/{p}/fetch?replica_id&offset&leader_epoch&max_bytes&timeout_ms}:
 *       raw batches ({@code application/octet-stream}) with the leader's offsets in
 *       {@link FetchedBatches} headers, answered by {@link StorageAnswers};</li>
 *   <li>{@code GET /internal/v1/replicas/{t}/{p}/epoch-end-offset?epoch&leader_epoch}: an
 *       {@link EpochEndOffsetResponse};</li>
 *   <li>{@code POST /internal/v1/leader-and-isr}: a {@link LeaderAndIsrRequest} from the
 *       controller; 200 with an empty object, or 409 {@code FENCED}.</li>
 * </ul>
 * Thread-safe (stateless).
 */
@RestController
class ReplicaController {

    private final ReplicaFetchService fetches;
    private final LeadershipChanges changes;
    private final StorageAnswers answers;

    ReplicaController(ReplicaFetchService fetches, LeadershipChanges changes, StorageAnswers answers) {
        this.fetches = fetches;
        this.changes = changes;
        this.answers = answers;
    }

    @GetMapping(path = "/internal/v1/replicas/{topic}/{partition}/fetch",
            produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    void fetch(@PathVariable String topic, @PathVariable int partition,
               @RequestParam(name = "replica_id") int replicaId,
               @RequestParam long offset,
               @RequestParam(name = "leader_epoch") int leaderEpoch,
               @RequestParam(name = "max_bytes") int maxBytes,
               @RequestParam(name = "timeout_ms", defaultValue = "0") long timeoutMs,
               HttpServletRequest request, HttpServletResponse response) {
        Requests.notNegative("offset", offset);
        Requests.notNegative("max_bytes", maxBytes);
        Requests.notNegative("timeout_ms", timeoutMs);
        answers.answer(request, response, fetches.fetch(Requests.topic(topic), partition, replicaId, offset,
                leaderEpoch, maxBytes, timeoutMs), ReplicaController::write);
    }

    private static void write(FetchedBatches answer, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        response.setHeader(FetchedBatches.HIGH_WATERMARK_HEADER, Long.toString(answer.highWatermark()));
        response.setHeader(FetchedBatches.LOG_START_OFFSET_HEADER, Long.toString(answer.logStartOffset()));
        response.setHeader(FetchedBatches.LOG_END_OFFSET_HEADER, Long.toString(answer.logEndOffset()));
        response.setContentLength(answer.batches().length);
        try (OutputStream body = response.getOutputStream()) {
            body.write(answer.batches());
        }
    }

    @GetMapping(path = "/internal/v1/replicas/{topic}/{partition}/epoch-end-offset",
            produces = MediaType.APPLICATION_JSON_VALUE)
    EpochEndOffsetResponse epochEndOffset(@PathVariable String topic, @PathVariable int partition,
                                          @RequestParam int epoch,
                                          @RequestParam(name = "leader_epoch") int leaderEpoch) {
        return fetches.epochEndOffset(Requests.topic(topic), partition, epoch, leaderEpoch);
    }

    @PostMapping(path = "/internal/v1/leader-and-isr", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> leaderAndIsr(@RequestBody LeaderAndIsrRequest request) {
        for (PartitionLeadership partition : request.partitions()) {
            if (partition == null || partition.topic() == null || partition.state() == null) {
                throw new BadRequestException("every partition of a leader-and-isr request needs 'topic' and 'state'");
            }
        }
        changes.apply(request);
        return Map.of();
    }
}
