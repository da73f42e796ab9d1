package dev.streamlog.support.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommonPoolTest {

    @Test
    void raisesTheJdkDefaultOnSmallMachines() {
        assertThat(CommonPool.parallelismToSet(null, 1)).hasValue(2);
        assertThat(CommonPool.parallelismToSet(null, 2)).hasValue(2);
        assertThat(CommonPool.parallelismToSet("", 2)).hasValue(2);
    }

    @Test
    void leavesTheJdkDefaultWhereItIsAPoolAlready() {
        assertThat(CommonPool.parallelismToSet(null, 3)).isEmpty();
        assertThat(CommonPool.parallelismToSet(null, 64)).isEmpty();
    }

    @Test
    void neverOverridesTheOperator() {
        assertThat(CommonPool.parallelismToSet("1", 2)).isEmpty();
        assertThat(CommonPool.parallelismToSet("8", 64)).isEmpty();
    }
}
