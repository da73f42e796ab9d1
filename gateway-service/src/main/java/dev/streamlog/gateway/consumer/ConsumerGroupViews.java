package dev.streamlog.gateway.consumer;

import dev.streamlog.gateway.metadata.ClusterIdCheck;
import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.internal.GroupDescription;
import dev.streamlog.model.internal.GroupLag;
import dev.streamlog.model.v3.ConsumerGroupData;
import dev.streamlog.model.v3.ConsumerLagData;
import dev.streamlog.model.v3.ResourceList;
import dev.streamlog.model.v3.ResourceMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The v3 consumer-group routes, answered from the coordinators: the list of groups (every live
 * coordinator asked for the groups it serves, merged), one group with its members, and a group's
 * lag per partition. The path's cluster id is checked against {@code /cluster/id} (404/40410 for
 * another). Self links use the URL the client called. Thread-safe.
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

    /** Every group some coordinator serves, sorted, each with its members. */
    public CompletableFuture<ResponseEntity<?>> groups(String cluster, String self) {
        return clusterId.checked(cluster, () -> calls.groupsOfEach().thenCompose(answers -> {
            TreeSet<String> ids = new TreeSet<>();
            for (CoordinatorAnswer answer : answers) {
                if (!answer.ok()) {
                    return CompletableFuture.completedFuture(ErrorResponses.of(ErrorCode.RETRIABLE,
                            "a coordinator could not list its groups (" + answer + "); retry"));
                }
                json.readTree(answer.body()).path("groups").forEach(id -> ids.add(id.asString()));
            }
            List<CompletableFuture<CoordinatorAnswer>> described = ids.stream()
                    .map(id -> calls.call(id, "GET", "", null)).toList();
            return CompletableFuture.allOf(described.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<ConsumerGroupData> data = new ArrayList<>();
                for (CompletableFuture<CoordinatorAnswer> answer : described) {
                    CoordinatorAnswer group = answer.join();
                    if (group.ok()) {
                        GroupDescription description = json.readValue(group.body(), GroupDescription.class);
                        data.add(group(cluster, self + "/" + description.groupId(), description));
                    }
                }
                return ResponseEntity.ok(new ResourceList<>(ConsumerGroupData.LIST_KIND,
                        new ResourceMetadata(self, null), data));
            });
        }));
    }

    /** One group and its members. */
    public CompletableFuture<ResponseEntity<?>> group(String cluster, String groupId, String self) {
        ConsumerService.checkName("group id", groupId);
        return clusterId.checked(cluster, () -> calls.call(groupId, "GET", "", null).thenApply(answer -> answer.ok()
                ? ResponseEntity.ok(group(cluster, self, json.readValue(answer.body(), GroupDescription.class)))
                : answer.toResponse(json, MediaType.APPLICATION_JSON)));
    }

    /** The group's lag per partition. */
    public CompletableFuture<ResponseEntity<?>> lags(String cluster, String groupId, String self) {
        ConsumerService.checkName("group id", groupId);
        return clusterId.checked(cluster, () -> calls.call(groupId, "GET", "/lags", null).thenApply(answer -> {
            if (!answer.ok()) {
                return answer.toResponse(json, MediaType.APPLICATION_JSON);
            }
            GroupLag lag = json.readValue(answer.body(), GroupLag.class);
            List<ConsumerLagData> data = lag.partitions().stream().map(partition -> new ConsumerLagData(
                    ConsumerLagData.KIND, new ResourceMetadata(self + "/" + partition.topic() + "/partitions/"
                    + partition.partition(), "crn:///kafka=" + cluster + "/consumer-group=" + groupId + "/lag="
                    + partition.topic() + "-" + partition.partition()), cluster, groupId, partition.topic(),
                    partition.partition(), partition.instanceId(), partition.committedOffset(),
                    partition.endOffset(), partition.lag())).toList();
            return ResponseEntity.ok(new ResourceList<>(ConsumerLagData.LIST_KIND, new ResourceMetadata(self, null),
                    data));
        }));
    }

    private static ConsumerGroupData group(String cluster, String self, GroupDescription group) {
        return new ConsumerGroupData(ConsumerGroupData.KIND, new ResourceMetadata(self, "crn:///kafka=" + cluster
                + "/consumer-group=" + group.groupId()), cluster, group.groupId(), false, group.assignor(),
                group.state(), group.members().stream().map(member -> new ConsumerGroupData.ConsumerData(
                        member.instanceId(), member.active(), member.partitions().stream()
                        .map(p -> new ConsumerGroupData.Assignment(p.topic(), p.partition())).toList())).toList());
    }
}
