package dev.streamlog.coordinator.web;

import dev.streamlog.coordinator.commit.OffsetCommits;
import dev.streamlog.model.v2.ConsumerOffsets;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The coordinator's internal offsets routes, called by the gateway:
 * <ul>
 *   <li>{@code POST /internal/v1/groups/{g}/offsets} with {@link ConsumerOffsets}: commits them
 *       (acks=all in {@code __consumer_offsets}); answers what was committed;</li>
 *   <li>{@code GET /internal/v1/groups/{g}/offsets}: the group's committed offsets.</li>
 * </ul>
 * A group this coordinator does not own answers 421/42102 naming its owner; one being loaded
 * 503/50003. Stateless; thread-safe.
 */
@RestController
class GroupOffsetsController {

    private final OffsetCommits commits;

    GroupOffsetsController(OffsetCommits commits) {
        this.commits = commits;
    }

    @PostMapping(path = "/internal/v1/groups/{group}/offsets", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ConsumerOffsets> commit(@PathVariable String group, @RequestBody ConsumerOffsets body) {
        return commits.commit(group, body.offsets());
    }

    @GetMapping(path = "/internal/v1/groups/{group}/offsets", produces = MediaType.APPLICATION_JSON_VALUE)
    ConsumerOffsets committed(@PathVariable String group) {
        return commits.committed(group);
    }
}
