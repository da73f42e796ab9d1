package dev.streamlog.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time the JIT compiler threads of a group of JVMs spend between two snapshots, read
 * from Linux's per-thread {@code /proc/<pid>/task/<tid>/stat} (threads named
 * {@code C1 CompilerThre…} and {@code C2 CompilerThre…}; user plus system time, in clock ticks
 * of 10 ms). On two cores five JVMs compiling at once take minutes to settle, and a
 * round measured while one of them still compiles measures the compiler: a benchmark warms up
 * until this meter reads (almost) nothing. Linux only.
 *
 * <p>Not thread-safe.
 */
final class JitMeter {

    private static final Duration TICK = Duration.ofMillis(10);
    private static final int UTIME_FIELD = 11;
    private static final int STIME_FIELD = 12;

    private final List<Long> pids;
    private Map<Path, Long> last;

    JitMeter(List<Long> pids) {
        this.pids = List.copyOf(pids);
        this.last = ticksByThread();
    }

    /**
     * Compiler CPU time since the previous call (or construction), counted per thread: the JVM
     * starts and stops compiler threads as its queue grows and shrinks.
     */
    Duration lap() {
        Map<Path, Long> now = ticksByThread();
        long spent = 0;
        for (Map.Entry<Path, Long> thread : now.entrySet()) {
            spent += thread.getValue() - last.getOrDefault(thread.getKey(), 0L);
        }
        last = now;
        return TICK.multipliedBy(spent);
    }

    private Map<Path, Long> ticksByThread() {
        Map<Path, Long> ticks = new HashMap<>();
        for (long pid : pids) {
            try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                threads.forEach(thread -> {
                    long compiling = compilerTicks(thread);
                    if (compiling > 0) {
                        ticks.put(thread, compiling);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the threads of pid " + pid, e);
            }
        }
        return ticks;
    }

    /** The thread's CPU ticks if it is a JIT compiler thread, else 0 (also if it just ended). */
    private static long compilerTicks(Path thread) {
        String stat;
        try {
            stat = Files.readString(thread.resolve("stat"));
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + thread.resolve("stat"), e);
        }
        int nameEnd = stat.lastIndexOf(')');
        String name = stat.substring(stat.indexOf('(') + 1, nameEnd);
        if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
            return 0;
        }
        String[] fields = stat.substring(nameEnd + 2).split(" ");
        return Long.parseLong(fields[UTIME_FIELD]) + Long.parseLong(fields[STIME_FIELD]);
    }
}
