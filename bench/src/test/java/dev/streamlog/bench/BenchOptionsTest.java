package dev.streamlog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line: defaults, every option, and the refusals. */
class BenchOptionsTest {

    @Test
    void defaultsFillEverythingNotGiven() {
        BenchOptions options = BenchOptions.parse(List.of("produce"));
        assertThat(options).isEqualTo(new BenchOptions("produce", "http://127.0.0.1:8080", "bench", 0,
                Duration.ofSeconds(20), Duration.ofSeconds(5), 1024, 100, "1", 8, 0, 1, 0, 0, 1 << 20, null, false,
                "v2", false, "binary", "poll"));
    }

    @Test
    void everyOptionIsRead() {
        BenchOptions options = BenchOptions.parse(List.of("reference", "--gateway", "http://h:1/", "--topic", "t",
                "--records", "500", "--duration", "3", "--warmup", "0", "--record-size", "100", "--batch", "10",
                "--acks", "all", "--concurrency", "4", "--create-partitions", "6", "--replication-factor", "3",
                "--min-insync-replicas", "2", "--rate", "5000", "--max-bytes", "65536", "--json", "--api", "v3",
                "--format", "json", "--commit", "auto"));
        assertThat(options).isEqualTo(new BenchOptions("reference", "http://h:1", "t", 500, Duration.ofSeconds(3),
                Duration.ZERO, 100, 10, "all", 4, 6, 3, 2, 5000, 65536, null, true, "v3", false, "json",
                "auto"));
        assertThat(BenchOptions.parse(List.of("produce", "--format", "text")).format()).isEqualTo("text");
        assertThat(BenchOptions.parse(List.of("produce", "--api", "v3", "--stream")).stream()).isTrue();
        assertThat(BenchOptions.parse(List.of("consume", "--stateless")).group()).isNull();
        assertThat(BenchOptions.parse(List.of("consume", "--group", "g")).group()).isEqualTo("g");
        assertThat(BenchOptions.parse(List.of("e2e", "--group", "g")).group()).isEqualTo("g");
        assertThat(BenchOptions.parse(List.of("e2e")).group()).startsWith("bench-e2e-");
    }

    @Test
    void badCommandLinesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of())).hasMessageContaining("mode");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("fetch"))).hasMessageContaining("mode");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("produce", "--api", "v4"))).hasMessageContaining("--api");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("consume", "--group", "g", "--commit", "never")))
                .hasMessageContaining("--commit");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("produce", "--stream"))).hasMessageContaining("--api v3");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("produce", "--api", "v3", "--stream", "--rate", "10")))
                .hasMessageContaining("--rate");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("consume"))).hasMessageContaining("--stateless");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("consume", "--group", "g", "--stateless")))
                .hasMessageContaining("either");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("produce", "--group", "g")))
                .hasMessageContaining("options of consume");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("e2e", "--stateless"))).hasMessageContaining("e2e");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("produce", "--batch", "0")))
                .hasMessageContaining("--batch must be between 1");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("produce", "--batch", "many")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("produce", "--acks", "2"))).hasMessageContaining("--acks");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("produce", "--format", "avro")))
                .hasMessageContaining("--format is binary, json or text");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("produce", "--format", "json", "--record-size", "10")))
                .hasMessageContaining("--record-size 11 or more");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("produce", "--speed", "9")))
                .hasMessageContaining("unknown option --speed");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("produce", "--topic")))
                .hasMessageContaining("unexpected argument");
    }
}
