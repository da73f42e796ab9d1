package dev.streamlog.gateway.consumer;

import dev.streamlog.model.internal.GroupDescription;
import dev.streamlog.model.internal.GroupLag;
import dev.streamlog.model.v3.ConsumerAssignmentData;
import dev.streamlog.model.v3.ConsumerData;
import dev.streamlog.model.v3.ConsumerGroupData;
import dev.streamlog.model.v3.ConsumerGroupLagSummaryData;
import dev.streamlog.model.v3.ConsumerLagData;
import dev.streamlog.model.v3.Related;
import dev.streamlog.model.v3.ResourceMetadata;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns what a coordinator says about a group ({@link GroupDescription}, {@link GroupLag}) into
 * the v3 resources Confluent defines for it, with Confluent's URLs and resource names:
 * {@code …/consumer-groups/{g}}, {@code …/consumers/{c}}, {@code …/consumers/{c}/assignments/{t}/partitions/{p}},
 * {@code …/lags/{t}/partitions/{p}} and {@code …/lag-summary}. A v2 consumer instance is a member
 * whose name is its consumer id and its client id. Immutable.
 *
 * @param clusterUrl the cluster's v3 URL as the client reached it, e.g. {@code http://127.0.0.1:8080/v3/clusters/c}
 * @param clusterId  the cluster's id
 * @param visible    the topics the caller may see (others are left out of assignments and lags)
 */
record GroupResources(String clusterUrl, String clusterId, Predicate<String> visible) {

    String groupsUrl() {
        return clusterUrl + "/consumer-groups";
    }

    String groupUrl(String group) {
        return groupsUrl() + "/" + group;
    }

    String consumersUrl(String group) {
        return groupUrl(group) + "/consumers";
    }

    String assignmentsUrl(String group, String consumer) {
        return consumersUrl(group) + "/" + consumer + "/assignments";
    }

    String lagsUrl(String group) {
        return groupUrl(group) + "/lags";
    }

    ConsumerGroupData group(GroupDescription group) {
        String id = group.groupId();
        return new ConsumerGroupData(ConsumerGroupData.KIND, new ResourceMetadata(groupUrl(id), groupCrn(id)),
                clusterId, id, false, group.assignor(), group.state().toUpperCase(Locale.ROOT),
                ConsumerGroupData.TYPE_CLASSIC, false, new Related(consumersUrl(id)),
                new Related(groupUrl(id) + "/lag-summary"));
    }

    ConsumerData consumer(String group, GroupDescription.Member member) {
        String name = member.instanceId();
        return new ConsumerData(ConsumerData.KIND, new ResourceMetadata(consumersUrl(group) + "/" + name,
                groupCrn(group) + "/consumer=" + name), clusterId, group, name, null, name,
                new Related(assignmentsUrl(group, name)), member.active());
    }

    ConsumerAssignmentData assignment(String group, String consumer, GroupDescription.PartitionRef partition) {
        String topic = partition.topic();
        int id = partition.partition();
        return new ConsumerAssignmentData(ConsumerAssignmentData.KIND, new ResourceMetadata(
                assignmentsUrl(group, consumer) + "/" + topic + "/partitions/" + id,
                groupCrn(group) + "/consumer=" + consumer + "/assignment=" + topic + "/partition=" + id),
                clusterId, group, consumer, topic, id, new Related(partitionUrl(topic, id)),
                new Related(lagUrl(group, topic, id)));
    }

    ConsumerLagData lag(String group, GroupLag.PartitionLag lag) {
        String member = lag.instanceId() == null ? "" : lag.instanceId();
        return new ConsumerLagData(ConsumerLagData.KIND, new ResourceMetadata(lagUrl(group, lag.topic(),
                lag.partition()), groupCrn(group) + "/lag=" + lag.topic() + "/partition=" + lag.partition()),
                clusterId, group, lag.topic(), lag.partition(), member, lag.committedOffset(), lag.endOffset(),
                lag.lag(), null, member);
    }

    /** The group's largest lag and total lag, or empty when it has no partition to lag on (Confluent: 404). */
    Optional<ConsumerGroupLagSummaryData> lagSummary(GroupLag lags) {
        String group = lags.groupId();
        return lags.partitions().stream().max(Comparator.comparingLong(GroupLag.PartitionLag::lag)).map(max -> {
            String member = max.instanceId() == null ? "" : max.instanceId();
            return new ConsumerGroupLagSummaryData(ConsumerGroupLagSummaryData.KIND, new ResourceMetadata(
                    groupUrl(group) + "/lag-summary", groupCrn(group) + "/lag-summary"), clusterId, group, member,
                    null, member, max.topic(), max.partition(), max.lag(),
                    lags.partitions().stream().mapToLong(GroupLag.PartitionLag::lag).sum(),
                    member.isEmpty() ? null : new Related(consumersUrl(group) + "/" + member),
                    new Related(partitionUrl(max.topic(), max.partition())));
        });
    }

    private String lagUrl(String group, String topic, int partition) {
        return lagsUrl(group) + "/" + topic + "/partitions/" + partition;
    }

    private String partitionUrl(String topic, int partition) {
        return clusterUrl + "/topics/" + topic + "/partitions/" + partition;
    }

    private String groupCrn(String group) {
        return "crn:///kafka=" + clusterId + "/consumer-group=" + group;
    }
}
