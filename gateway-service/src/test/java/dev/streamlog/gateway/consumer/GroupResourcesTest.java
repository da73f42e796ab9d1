package dev.streamlog.gateway.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.internal.GroupDescription;
import dev.streamlog.model.internal.GroupLag;
import dev.streamlog.model.v3.ConsumerGroupData;
import dev.streamlog.model.v3.ConsumerGroupLagSummaryData;
import dev.streamlog.model.v3.ConsumerLagData;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupResourcesTest {

    private static final String CLUSTER = "http://gw/v3/clusters/c1";
    private final GroupResources views = new GroupResources(CLUSTER, "c1", topic -> true);

    @Test
    void aGroupHasConfluentsStateNamesAndLinks() {
        ConsumerGroupData group = views.group(new GroupDescription("g", "range", 3, "Stable", List.of()));

        assertThat(group.state()).isEqualTo("STABLE");
        assertThat(group.type()).isEqualTo("CLASSIC");
        assertThat(group.metadata().resourceName()).isEqualTo("crn:///kafka=c1/consumer-group=g");
        assertThat(group.consumers().related()).isEqualTo(CLUSTER + "/consumer-groups/g/consumers");
        assertThat(group.lagSummary().related()).isEqualTo(CLUSTER + "/consumer-groups/g/lag-summary");
        assertThat(views.group(new GroupDescription("g", null, 0, "Empty", List.of())).state()).isEqualTo("EMPTY");
    }

    @Test
    void anAssignmentLinksItsPartitionAndItsLag() {
        var assignment = views.assignment("g", "c", new GroupDescription.PartitionRef("t", 2));

        assertThat(assignment.metadata().self()).isEqualTo(CLUSTER + "/consumer-groups/g/consumers/c/assignments/t/partitions/2");
        assertThat(assignment.partition().related()).isEqualTo(CLUSTER + "/topics/t/partitions/2");
        assertThat(assignment.lag().related()).isEqualTo(CLUSTER + "/consumer-groups/g/lags/t/partitions/2");
    }

    @Test
    void aPartitionNobodyReadsHasAnEmptyConsumerId() {
        ConsumerLagData lag = views.lag("g", new GroupLag.PartitionLag("t", 0, null, 5L, 9, 4));

        assertThat(lag.consumerId()).isEmpty();
        assertThat(lag.clientId()).isEmpty();
        assertThat(lag.metadata().self()).isEqualTo(CLUSTER + "/consumer-groups/g/lags/t/partitions/0");
    }

    @Test
    void theLagSummaryNamesTheLargestLagAndSumsThemAll() {
        ConsumerGroupLagSummaryData summary = views.lagSummary(new GroupLag("g", List.of(
                new GroupLag.PartitionLag("a", 0, "c1", 10L, 12, 2),
                new GroupLag.PartitionLag("b", 3, "c2", 0L, 7, 7),
                new GroupLag.PartitionLag("b", 4, null, null, 1, 1)))).orElseThrow();

        assertThat(summary.maxLag()).isEqualTo(7);
        assertThat(summary.totalLag()).isEqualTo(10);
        assertThat(summary.maxLagTopicName()).isEqualTo("b");
        assertThat(summary.maxLagPartitionId()).isEqualTo(3);
        assertThat(summary.maxLagConsumerId()).isEqualTo("c2");
        assertThat(summary.maxLagConsumer().related()).isEqualTo(CLUSTER + "/consumer-groups/g/consumers/c2");
        assertThat(summary.maxLagPartition().related()).isEqualTo(CLUSTER + "/topics/b/partitions/3");
        assertThat(views.lagSummary(new GroupLag("g", List.of()))).isEmpty();
    }
}
