package dev.streamlog.storage.partition;

import dev.streamlog.storage.datadir.DataDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.cluster.PartitionState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionRouterTest {

    private final PartitionRouter router = new PartitionRouter(TestStorage.properties(1, Path.of("unused"), Duration.ZERO), new DataDir(TestStorage.properties(1, Path.of("unused"), Duration.ZERO)));

    private static RoutingTable table(RoutingTable.PartitionRoute... routes) {
        Map<Integer, RoutingTable.PartitionRoute> partitions = new java.util.HashMap<>();
        for (int p = 0; p < routes.length; p++) {
            partitions.put(p, routes[p]);
        }
        return new RoutingTable(1, true, Map.of("t", new RoutingTable.TopicRoute("id", partitions)));
    }

    private static void assertCode(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOf(PartitionRoutingException.class)
                .satisfies(e -> assertThat(((PartitionRoutingException) e).errorCode()).isEqualTo(code));
    }

    @Test
    void nothingIsServedBeforeTheMetadataIsLoaded() {
        assertCode(() -> router.leader("t", 0), ErrorCode.UNAVAILABLE);
    }

    @Test
    void unknownTopicsAndPartitionsAreNotFound() {
        router.publish(table(new RoutingTable.PartitionRoute(2, 0, null)));
        assertCode(() -> router.leader("other", 0), ErrorCode.TOPIC_NOT_FOUND);
        assertCode(() -> router.leader("t", 1), ErrorCode.PARTITION_NOT_FOUND);
        assertCode(() -> router.leader("t", -1), ErrorCode.PARTITION_NOT_FOUND);
    }

    @Test
    void aPartitionWithoutLeaderIsUnavailable() {
        router.publish(table(new RoutingTable.PartitionRoute(PartitionState.NO_LEADER, 3, null)));
        assertCode(() -> router.leader("t", 0), ErrorCode.LEADER_NOT_AVAILABLE);
    }

    @Test
    void anotherLeaderIsNamed() {
        router.publish(table(new RoutingTable.PartitionRoute(2, 0, null)));
        assertThatThrownBy(() -> router.leader("t", 0)).isInstanceOf(NotLeaderException.class)
                .hasMessageContaining("broker 2")
                .satisfies(e -> assertThat(((NotLeaderException) e).leaderId()).isEqualTo(2));
    }

    @Test
    void leadingWithoutALocalReplicaIsRetriable() {
        router.publish(table(new RoutingTable.PartitionRoute(1, 0, null)));
        assertCode(() -> router.leader("t", 0), ErrorCode.UNAVAILABLE);
    }
}
