package dev.streamlog.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZkPathsTest {

    @Test
    void buildsTheLayoutOfTheDesignBrief() {
        assertThat(ZkPaths.broker(3)).isEqualTo("/brokers/ids/3");
        assertThat(ZkPaths.topic("orders")).isEqualTo("/brokers/topics/orders");
        assertThat(ZkPaths.partitionState("orders", 2)).isEqualTo("/brokers/topics/orders/partitions/2/state");
        assertThat(ZkPaths.topicDeletion("orders")).isEqualTo("/admin/delete_topics/orders");
        assertThat(ZkPaths.coordinatorMember("c-1")).isEqualTo("/coordinators/members/c-1");
        assertThat(ZkPaths.coordinatorLease(5)).isEqualTo("/coordinators/partitions/5");
    }

    @Test
    void illegalTopicNamesNeverBecomePathSegments() {
        assertThatThrownBy(() -> ZkPaths.topic("../controller")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZkPaths.topicDeletion("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZkPaths.partitionState("t", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
