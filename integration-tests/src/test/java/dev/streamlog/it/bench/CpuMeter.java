package dev.streamlog.it.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU time groups of processes (the gateway, the storage nodes, the client...) spend
 * between two snapshots, from {@link ProcessHandle.Info#totalCpuDuration()} (user and system
 * time, all threads). A benchmark divides it by the bytes it moved to say where the cost of a
 * megabyte goes.
 *
 * <p>Not thread-safe; the groups are fixed at construction.
 */
final class CpuMeter {

    private final Map<String, List<ProcessHandle>> groups;
    private Map<String, Duration> last;

    CpuMeter(Map<String, List<ProcessHandle>> groups) {
        this.groups = new LinkedHashMap<>(groups);
        this.last = snapshot();
    }

    /** CPU time per group since the previous call (or construction). */
    Map<String, Duration> lap() {
        Map<String, Duration> now = snapshot();
        Map<String, Duration> spent = new LinkedHashMap<>();
        now.forEach((group, total) -> spent.put(group, total.minus(last.get(group))));
        last = now;
        return spent;
    }

    private Map<String, Duration> snapshot() {
        Map<String, Duration> totals = new LinkedHashMap<>();
        groups.forEach((group, processes) -> totals.put(group, processes.stream()
                .map(process -> process.info().totalCpuDuration().orElseThrow(() ->
                        new IllegalStateException("no CPU time for pid " + process.pid())))
                .reduce(Duration.ZERO, Duration::plus)));
        return totals;
    }
}
