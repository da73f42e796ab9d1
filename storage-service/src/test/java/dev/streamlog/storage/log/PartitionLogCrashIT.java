package dev.streamlog.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.batch.LogRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process appending to a partition log with SIGKILL (no close, no shutdown hooks,
 * but the page cache survives) and checks what reopening the directory finds: every
 * acknowledged batch at the offsets its acknowledgement named, with its exact content;
 * offsets contiguous from 0 to the log end offset; after the last acknowledgement at most
 * one more batch, whole and of the same sequence; the leader epochs of earlier runs; and an
 * append continuing at the log end offset. Three kill-and-recover cycles share one
 * directory, each child continuing where the log ends, in a new leader epoch.
 */
class PartitionLogCrashIT {

    private static final int CYCLES = 3;
    private static final int ACKS_BEFORE_KILL = 2000;
    private static final long ACK_TIMEOUT_MS = 60_000;
    private static final long EXIT_TIMEOUT_MS = 30_000;
    private static final String END_OF_OUTPUT = "<end of output>";
    private static final String READ_FAILED = "<read failed>";

    @TempDir
    Path dir;

    /** One acknowledgement: batch {@code batch} of the sequence was appended at these offsets. */
    private record Ack(int batch, long baseOffset, long lastOffset) {

        static Ack parse(String line) {
            String[] parts = line.split(" ");
            return new Ack(Integer.parseInt(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void acknowledgedBatchesSurviveRepeatedKills() throws Exception {
        List<Ack> acks = new ArrayList<>();
        long[] epochStart = new long[CYCLES + 1];
        long end = 0;
        for (int epoch = 1; epoch <= CYCLES; epoch++) {
            epochStart[epoch] = end;
            List<Ack> cycleAcks = runChildUntilKilled(epoch);
            assertThat(cycleAcks.get(0).baseOffset()).as("the child continues at the log end offset").isEqualTo(end);
            acks.addAll(cycleAcks);

            try (PartitionLog log = open()) {
                List<Long> batchBases = assertWholeSequence(log);
                assertAcknowledgedBatchesAreThere(acks, batchBases);
                int lastAcked = acks.get(acks.size() - 1).batch();
                assertThat(batchBases.size() - 1).as("last batch number, last acknowledged " + lastAcked)
                        .isBetween(lastAcked, lastAcked + 1);
                assertThat(log.latestEpoch()).hasValue(epoch);
                for (int earlier = 1; earlier < epoch; earlier++) {
                    assertThat(log.endOffsetForEpoch(earlier))
                            .isEqualTo(new EpochEndOffset(earlier, epochStart[earlier + 1]));
                }
                end = assertAppendContinues(log, batchBases.size(), epoch);
            }
        }
    }

    private PartitionLog open() {
        return PartitionLog.open(dir, AppendLoop.TP, AppendLoop.CONFIG, Clock.systemUTC(), Runnable::run);
    }

    /**
     * Starts an {@link AppendLoop} in epoch {@code epoch}, kills it after
     * {@value #ACKS_BEFORE_KILL} acknowledgements and returns every acknowledgement it
     * printed, including those still in the pipe when it died.
     */
    private List<Ack> runChildUntilKilled(int epoch) throws Exception {
        Path stderr = Files.createTempFile("append-loop", ".stderr");
        Process child = new ProcessBuilder(childCommand(epoch)).redirectError(stderr.toFile()).start();
        try {
            BlockingQueue<String> lines = readLinesInBackground(child);
            List<Ack> acks = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACK_TIMEOUT_MS);
            while (acks.size() < ACKS_BEFORE_KILL) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(line).as(() -> "child output before " + ACKS_BEFORE_KILL + " acks (got " + acks.size()
                        + "); stderr:\n" + stderrOf(stderr)).isNotNull().isNotEqualTo(END_OF_OUTPUT);
                addIfAck(line, acks);
            }

            // SIGKILL through the handle: Process.destroyForcibly also closes our end of the child's
            // stdout, which would throw away acknowledgements still in the pipe.
            assertThat(child.toHandle().destroyForcibly()).as("SIGKILL sent").isTrue();
            assertThat(child.waitFor(EXIT_TIMEOUT_MS, TimeUnit.MILLISECONDS)).as("child exited").isTrue();
            assertThat(child.exitValue()).as("exit code of a killed child").isNotZero();

            for (String line = lines.poll(EXIT_TIMEOUT_MS, TimeUnit.MILLISECONDS); !END_OF_OUTPUT.equals(line);
                 line = lines.poll(EXIT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                assertThat(line).as("end of the killed child's output").isNotNull();
                addIfAck(line, acks);
            }
            for (int i = 1; i < acks.size(); i++) {
                assertThat(acks.get(i).batch()).isEqualTo(acks.get(i - 1).batch() + 1);
            }
            return acks;
        } finally {
            child.destroyForcibly();
            child.waitFor(EXIT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Files.deleteIfExists(stderr);
        }
    }

    private List<String> childCommand(int epoch) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m"));
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < jvmArgs.size(); i++) {
            String arg = jvmArgs.get(i);
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle.")) {
                command.add(arg);
                if (arg.startsWith("--add-") && !arg.contains("=") && i + 1 < jvmArgs.size()) {
                    command.add(jvmArgs.get(++i));
                }
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AppendLoop.class.getName(),
                dir.toString(), Integer.toString(Integer.MAX_VALUE), Integer.toString(epoch)));
        return command;
    }

    /** The child's stdout line by line, then {@link #END_OF_OUTPUT}; read on a daemon thread so every wait stays bounded. */
    private static BlockingQueue<String> readLinesInBackground(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add(READ_FAILED + " " + e);
            } finally {
                lines.add(END_OF_OUTPUT);
            }
        }, "append-loop-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static void addIfAck(String line, List<Ack> acks) {
        assertThat(line).as("child output").doesNotStartWith(READ_FAILED);
        if (line.startsWith("acked ")) {
            acks.add(Ack.parse(line));
        }
    }

    private static String stderrOf(Path stderr) {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /**
     * Reads the whole log and checks it is batches 0, 1, 2, ... of {@link AppendLoop}'s
     * sequence, whole, at contiguous offsets from 0 to the log end offset.
     *
     * @return the base offset of each batch, by batch number
     */
    private static List<Long> assertWholeSequence(PartitionLog log) {
        assertThat(log.logStartOffset()).isZero();
        List<Long> bases = new ArrayList<>();
        long expectedOffset = 0;
        int n = 0;
        int i = 0;
        while (expectedOffset < log.logEndOffset()) {
            LogSlice slice = log.read(expectedOffset, 1 << 20, Long.MAX_VALUE);
            assertThat(slice.firstOffset()).isEqualTo(expectedOffset);
            for (LogRecord record : TestBatches.records(slice)) {
                assertThat(record.offset()).isEqualTo(expectedOffset);
                assertThat(TestBatches.value(record)).isEqualTo(AppendLoop.value(n, i));
                assertThat(record.timestamp()).isEqualTo(AppendLoop.timestamp(n));
                if (i == 0) {
                    bases.add(expectedOffset);
                }
                expectedOffset++;
                i++;
                if (i == AppendLoop.recordCount(n)) {
                    n++;
                    i = 0;
                }
            }
        }
        assertThat(i).as("the log ends at a batch boundary").isZero();
        assertThat(log.logEndOffset()).isEqualTo(expectedOffset);
        return bases;
    }

    private static void assertAcknowledgedBatchesAreThere(List<Ack> acks, List<Long> batchBases) {
        for (Ack ack : acks) {
            assertThat(ack.batch()).as("acknowledged batch number").isLessThan(batchBases.size());
            assertThat(ack.baseOffset()).as("base offset of batch " + ack.batch())
                    .isEqualTo(batchBases.get(ack.batch()));
            assertThat(ack.lastOffset()).as("last offset of batch " + ack.batch())
                    .isEqualTo(ack.baseOffset() + AppendLoop.recordCount(ack.batch()) - 1);
        }
    }

    /** Appends batch {@code n} of the sequence, checks where it landed and returns the new log end offset. */
    private static long assertAppendContinues(PartitionLog log, int n, int epoch) {
        long end = log.logEndOffset();
        AppendResult result = log.append(AppendLoop.batch(n), epoch);
        assertThat(result.baseOffset()).isEqualTo(end);
        List<String> values = new ArrayList<>();
        for (LogRecord record : TestBatches.records(log.read(end, 1 << 20, Long.MAX_VALUE))) {
            values.add(TestBatches.value(record));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < AppendLoop.recordCount(n); i++) {
            expected.add(AppendLoop.value(n, i));
        }
        assertThat(values).isEqualTo(expected);
        return log.logEndOffset();
    }
}
