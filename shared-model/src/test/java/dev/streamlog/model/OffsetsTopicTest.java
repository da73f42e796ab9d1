package dev.streamlog.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OffsetsTopicTest {

    @Test
    void aGroupMapsToItsHashModuloThePartitionCount() {
        assertThat(OffsetsTopic.partitionFor("billing", 16)).isEqualTo(Math.floorMod("billing".hashCode(), 16));
        for (String group : new String[] {"a", "group-with-negative-hash-xyz", "\u00e9t\u00e9", ""}) {
            assertThat(OffsetsTopic.partitionFor(group, 16)).isBetween(0, 15);
            assertThat(OffsetsTopic.partitionFor(group, 1)).isZero();
        }
        assertThatThrownBy(() -> OffsetsTopic.partitionFor("g", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
