package dev.streamlog.gateway.consumer;

import dev.streamlog.gateway.metadata.ClusterIdCheck;
import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.internal.GroupDescription;
import dev.streamlog.model.internal.GroupLag;
import dev.streamlog.model.v3.ConsumerAssignmentData;
import dev.streamlog.model.v3.ConsumerData;
import dev.streamlog.model.v3.ConsumerGroupData;
import dev.streamlog.model.v3.ConsumerLagData;
import dev.streamlog.model.v3.ResourceList;
import dev.streamlog.model.v3.ResourceMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The v3 consumer-group routes, answered from the coordinators: the list of groups (every live
 * coordinator asked for the groups it serves, merged), one group, its members and what each
 * reads (from the group's description), and its lag per partition, on one partition and in
 * summary (from the group's lag). The path's cluster id is checked against {@code /cluster/id}
 * (404/404 for another); an unknown group, member, assignment or lag is 404/404, as Confluent
 * answers. Thread-safe.
 */
public class ConsumerGroupViews {

    private final CoordinatorCalls calls;
    private final ClusterIdCheck clusterId;
    private final JsonMapper json;

    public ConsumerGroupViews(CoordinatorCalls calls, ClusterIdCheck clusterId, JsonMapper json) {
        this.calls = calls;
        this.clusterId = clusterId;
        this.json = json;
    }

    /** Every group some coordinator serves that {@code visible} lets through, sorted. */
    public CompletableFuture<ResponseEntity<?>> groups(GroupResources views, Predicate<String> visible) {
        return clusterId.checked(views.clusterId(), () -> calls.groupsOfEach().thenCompose(answers -> {
            TreeSet<String> ids = new TreeSet<>();
            for (CoordinatorAnswer answer : answers) {
                if (!answer.ok()) {
                    return CompletableFuture.completedFuture(ErrorResponses.of(ErrorCode.RETRIABLE,
                            "a coordinator could not list its groups (" + answer + "); retry"));
                }
                json.readTree(answer.body()).path("groups").forEach(id -> {
                    if (visible.test(id.asString())) {
                        ids.add(id.asString());
                    }
                });
            }
            List<CompletableFuture<CoordinatorAnswer>> described = ids.stream()
                    .map(id -> calls.call(id, "GET", "", null)).toList();
            return CompletableFuture.allOf(described.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<ConsumerGroupData> data = new ArrayList<>();
                for (CompletableFuture<CoordinatorAnswer> answer : described) {
                    CoordinatorAnswer group = answer.join();
                    if (group.ok()) {
                        data.add(views.group(json.readValue(group.body(), GroupDescription.class)));
                    }
                }
                return ResponseEntity.ok(new ResourceList<>(ConsumerGroupData.LIST_KIND,
                        new ResourceMetadata(views.groupsUrl(), null), data));
            });
        }));
    }

    /** One group. */
    public CompletableFuture<ResponseEntity<?>> group(GroupResources views, String groupId) {
        return described(views, groupId, group -> ResponseEntity.ok(views.group(group)));
    }

    /** The group's members. */
    public CompletableFuture<ResponseEntity<?>> consumers(GroupResources views, String groupId) {
        return described(views, groupId, group -> ResponseEntity.ok(new ResourceList<>(ConsumerData.LIST_KIND,
                new ResourceMetadata(views.consumersUrl(groupId), null),
                group.members().stream().map(member -> views.consumer(groupId, member)).toList())));
    }

    /** One member. */
    public CompletableFuture<ResponseEntity<?>> consumer(GroupResources views, String groupId, String consumerId) {
        return described(views, groupId, group -> member(group, consumerId)
                .<ResponseEntity<?>>map(member -> ResponseEntity.ok(views.consumer(groupId, member)))
                .orElseGet(() -> notFound("Consumer '" + consumerId + "' not found in group '" + groupId + "'")));
    }

    /** The partitions a member reads. */
    public CompletableFuture<ResponseEntity<?>> assignments(GroupResources views, String groupId, String consumerId) {
        return described(views, groupId, group -> member(group, consumerId)
                .<ResponseEntity<?>>map(member -> ResponseEntity.ok(new ResourceList<>(ConsumerAssignmentData.LIST_KIND,
                        new ResourceMetadata(views.assignmentsUrl(groupId, consumerId), null),
                        member.partitions().stream().filter(p -> views.visible().test(p.topic()))
                                .map(p -> views.assignment(groupId, consumerId, p)).toList())))
                .orElseGet(() -> notFound("Consumer '" + consumerId + "' not found in group '" + groupId + "'")));
    }

    /** One partition a member reads. */
    public CompletableFuture<ResponseEntity<?>> assignment(GroupResources views, String groupId, String consumerId,
                                                           String topic, int partition) {
        return described(views, groupId, group -> member(group, consumerId).flatMap(member -> member.partitions()
                        .stream().filter(p -> p.topic().equals(topic) && p.partition() == partition
                                && views.visible().test(topic)).findFirst())
                .<ResponseEntity<?>>map(p -> ResponseEntity.ok(views.assignment(groupId, consumerId, p)))
                .orElseGet(() -> notFound("Consumer '" + consumerId + "' of group '" + groupId + "' does not read "
                        + topic + "-" + partition)));
    }

    /** The group's lag per partition (of the topics the caller may see, as all the lag views). */
    public CompletableFuture<ResponseEntity<?>> lags(GroupResources views, String groupId) {
        return lagged(views, groupId, lag -> ResponseEntity.ok(new ResourceList<>(ConsumerLagData.LIST_KIND,
                new ResourceMetadata(views.lagsUrl(groupId), null),
                lag.partitions().stream().map(partition -> views.lag(groupId, partition)).toList())));
    }

    /** The group's lag on one partition. */
    public CompletableFuture<ResponseEntity<?>> lag(GroupResources views, String groupId, String topic,
                                                    int partition) {
        return lagged(views, groupId, lag -> lag.partitions().stream()
                .filter(p -> p.topic().equals(topic) && p.partition() == partition).findFirst()
                .<ResponseEntity<?>>map(p -> ResponseEntity.ok(views.lag(groupId, p)))
                .orElseGet(() -> notFound("Group '" + groupId + "' has no offsets on " + topic + "-" + partition)));
    }

    /** The group's largest and total lag. */
    public CompletableFuture<ResponseEntity<?>> lagSummary(GroupResources views, String groupId) {
        return lagged(views, groupId, lag -> views.lagSummary(lag)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> notFound("Group '" + groupId + "' has no offsets")));
    }

    private CompletableFuture<ResponseEntity<?>> described(GroupResources views, String groupId,
                                                           Function<GroupDescription, ResponseEntity<?>> answer) {
        return fromCoordinator(views, groupId, "", GroupDescription.class, answer);
    }

    private CompletableFuture<ResponseEntity<?>> lagged(GroupResources views, String groupId,
                                                        Function<GroupLag, ResponseEntity<?>> answer) {
        return fromCoordinator(views, groupId, "/lags", GroupLag.class, lag -> answer.apply(new GroupLag(
                lag.groupId(), lag.partitions().stream().filter(p -> views.visible().test(p.topic())).toList())));
    }

    /** Asks the group's coordinator for {@code path} and answers with what {@code answer} makes of it. */
    private <T> CompletableFuture<ResponseEntity<?>> fromCoordinator(GroupResources views, String groupId, String path,
                                                                     Class<T> type,
                                                                     Function<T, ResponseEntity<?>> answer) {
        ConsumerService.checkName("group id", groupId);
        return clusterId.checked(views.clusterId(), () -> calls.call(groupId, "GET", path, null).thenApply(reply ->
                reply.ok() ? answer.apply(json.readValue(reply.body(), type))
                        : reply.toResponse(json, MediaType.APPLICATION_JSON)));
    }

    private static Optional<GroupDescription.Member> member(GroupDescription group, String consumerId) {
        return group.members().stream().filter(member -> member.instanceId().equals(consumerId)).findFirst();
    }

    private static ResponseEntity<?> notFound(String message) {
        return ErrorResponses.of(ErrorCode.NOT_FOUND, message);
    }
}
