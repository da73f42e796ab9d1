package dev.streamlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Percentiles over the merged latencies of several threads. */
class LatenciesTest {

    @Test
    void percentilesAreNearestRankOverAllThreads() {
        Latencies first = new Latencies();
        Latencies second = new Latencies();
        for (int i = 1; i <= 10_000; i++) {
            (i % 2 == 0 ? first : second).add(i * 1_000_000L);
        }
        long[] all = Latencies.merged(List.of(first, second));

        assertThat(all).hasSize(10_000);
        assertThat(Latencies.percentileMillis(all, 0.50)).isEqualTo(5_000);
        assertThat(Latencies.percentileMillis(all, 0.99)).isEqualTo(9_900);
        assertThat(Latencies.percentileMillis(all, 1.0)).isEqualTo(10_000);
        assertThat(Latencies.percentileMillis(new long[0], 0.5)).isZero();
    }

    @Test
    void addAllAppendsAnotherThreadsLatenciesPastTheInitialCapacity() {
        Latencies into = new Latencies();
        Latencies other = new Latencies();
        for (int i = 1; i <= 5_000; i++) {
            into.add(i);
            other.add(10_000 + i);
        }
        into.addAll(other);

        long[] all = Latencies.sorted(into);
        assertThat(all).hasSize(10_000);
        assertThat(all[0]).isEqualTo(1);
        assertThat(all[9_999]).isEqualTo(15_000);
    }
}
