package dev.streamlog.coordinator.web;

import dev.streamlog.coordinator.membership.GroupInspection;
import dev.streamlog.model.internal.GroupDescription;
import dev.streamlog.model.internal.GroupLag;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The coordinator's internal group views, called by the gateway for the v3 consumer-group routes:
 * {@code GET /internal/v1/groups} ({@code {"groups":[ids]}} of the groups this coordinator serves),
 * {@code GET /internal/v1/groups/{g}} ({@link GroupDescription}), {@code GET /internal/v1/groups/{g}/lags}
 * ({@link GroupLag}). An unknown group is 404/404. Stateless; thread-safe.
 */
@RestController
class GroupsController {

    private final GroupInspection inspection;

    GroupsController(GroupInspection inspection) {
        this.inspection = inspection;
    }

    @GetMapping(path = "/internal/v1/groups", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, List<String>> groups() {
        return Map.of("groups", inspection.groupIds());
    }

    @GetMapping(path = "/internal/v1/groups/{group}", produces = MediaType.APPLICATION_JSON_VALUE)
    GroupDescription group(@PathVariable String group) {
        return inspection.describe(group);
    }

    @GetMapping(path = "/internal/v1/groups/{group}/lags", produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<GroupLag> lags(@PathVariable String group) {
        return inspection.lag(group);
    }
}
