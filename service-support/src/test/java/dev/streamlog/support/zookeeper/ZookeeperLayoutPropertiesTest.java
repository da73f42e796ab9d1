package dev.streamlog.support.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZookeeperLayoutPropertiesTest {

    @Test
    void theChrootLosesItsSlashes() {
        assertThat(new ZookeeperLayoutProperties("/streamlog/").chroot()).isEqualTo("streamlog");
        assertThat(new ZookeeperLayoutProperties(" streamlog ").chroot()).isEqualTo("streamlog");
        assertThatThrownBy(() -> new ZookeeperLayoutProperties("/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZookeeperLayoutProperties(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
