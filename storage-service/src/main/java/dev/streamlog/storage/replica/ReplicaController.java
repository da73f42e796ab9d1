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
import java.nio.ByteBuffer;
import java.util.List;
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
 *   <li>{@code POST /internal/v1/replica-fetches}: a follower's fetch of every partition it
 *       follows from this leader ({@link ReplicaFetchRequest}), answered with each partition's raw
 *       batches and offsets ({@link ReplicaFetchAnswer}) by {@link StorageAnswers}; a body over
 *       {@value #MAX_FETCH_REQUEST} bytes is 413, one that does not frame 400;</li>
 *   <li>{@code GET /internal/v1/replicas/{t}/{p}/epoch-end-offset?epoch&leader_epoch}: an
 *       {@link EpochEndOffsetResponse};</li>
 *   <li>{@code POST /internal/v1/leader-and-isr}: a {@link LeaderAndIsrRequest} from the
 *       controller; 200 with an empty object, or 409 {@code FENCED}.</li>
 * </ul>
 * Thread-safe (stateless).
 */
@RestController
class ReplicaController {

    /** The follower's fetch route. */
    static final String FETCHES = "/internal/v1/replica-fetches";
    /** The largest fetch body read: some 30,000 partitions. */
    static final int MAX_FETCH_REQUEST = 1 << 20;

    private final ReplicaFetchService fetches;
    private final LeadershipChanges changes;
    private final StorageAnswers answers;

    ReplicaController(ReplicaFetchService fetches, LeadershipChanges changes, StorageAnswers answers) {
        this.fetches = fetches;
        this.changes = changes;
        this.answers = answers;
    }

    @PostMapping(path = FETCHES, consumes = ReplicaFetchRequest.MEDIA_TYPE, produces = ReplicaFetchAnswer.MEDIA_TYPE)
    void fetch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ReplicaFetchRequest fetch = ReplicaFetchRequest.decode(ByteBuffer.wrap(Requests.body(request,
                MAX_FETCH_REQUEST, "the fetch body", "the fetch route's own bound")));
        answers.answer(request, response, fetches.fetch(fetch), ReplicaController::write);
    }

    private static void write(List<PartitionFetch> partitions, HttpServletResponse response) throws IOException {
        ReplicaFetchAnswer answer = ReplicaFetchAnswer.of(partitions);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(ReplicaFetchAnswer.MEDIA_TYPE);
        response.setContentLengthLong(answer.size());
        answer.writeTo(response.getOutputStream());
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
