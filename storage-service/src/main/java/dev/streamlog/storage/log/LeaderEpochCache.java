package dev.streamlog.storage.log;

import dev.streamlog.storage.log.checkpoint.CheckpointFile;
import dev.streamlog.storage.log.errors.LogStorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The leader epochs of one partition log and the offset where each began, persisted in
 * {@code leader-epoch-checkpoint} on every change (before the first batch of a new epoch is
 * written). A follower asks its leader {@link #endOffsetFor} its latest epoch and truncates
 * to the answer; this is what keeps a returning old leader from keeping records the new
 * leader never had.
 *
 * <h2>Format</h2>
 * A {@link CheckpointFile} of version 0 whose entries are {@code "<epoch> <startOffset>"},
 * epochs and start offsets both increasing.
 *
 * <p>Thread-safety: thread-safe; every method is synchronized (the cache is small and
 * changes only with leadership).
 */
final class LeaderEpochCache {

    private static final int VERSION = 0;

    /** One epoch and the first offset written in it. */
    record Entry(int epoch, long startOffset) {
    }

    private final CheckpointFile checkpoint;
    private final List<Entry> entries = new ArrayList<>();

    private LeaderEpochCache(Path file) {
        this.checkpoint = new CheckpointFile(file);
    }

    /**
     * Loads the cache from its checkpoint.
     *
     * @return the cache, or empty if the checkpoint exists but is unreadable (the caller
     *         rebuilds it from the batches)
     */
    static Optional<LeaderEpochCache> load(Path file) throws IOException {
        LeaderEpochCache cache = new LeaderEpochCache(file);
        if (!file.toFile().exists()) {
            return Optional.of(cache);
        }
        Optional<List<String>> lines = cache.checkpoint.read(VERSION);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        for (String line : lines.get()) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 2) {
                return Optional.empty();
            }
            try {
                Entry entry = new Entry(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
                if (entry.epoch() < 0 || entry.startOffset() < 0 || !cache.extendsLatest(entry)) {
                    return Optional.empty();
                }
                cache.entries.add(entry);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(cache);
    }

    /** An empty cache that will be persisted at {@code file} (which is replaced). */
    static LeaderEpochCache empty(Path file) {
        return new LeaderEpochCache(file);
    }

    synchronized OptionalInt latestEpoch() {
        return entries.isEmpty() ? OptionalInt.empty() : OptionalInt.of(last().epoch());
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset}. A repeat of the latest epoch
     * changes nothing; entries at or after {@code startOffset} from older epochs are
     * replaced. An epoch older than the latest is ignored (the log refuses such appends
     * before they get here).
     */
    synchronized void assign(int epoch, long startOffset) {
        if (!entries.isEmpty() && epoch <= last().epoch()) {
            return;
        }
        List<Entry> updated = new ArrayList<>(entries);
        updated.removeIf(e -> e.startOffset() >= startOffset);
        updated.add(new Entry(epoch, startOffset));
        write(updated);
        entries.clear();
        entries.addAll(updated);
    }

    /**
     * Where {@code epoch} ends: for the latest epoch the log end offset; for an older one,
     * the start of the next larger epoch, paired with the largest known epoch at most the one
     * asked for. An epoch before the first known one ends where the first begins; an epoch
     * after the latest is {@link EpochEndOffset#UNDEFINED}.
     */
    synchronized EpochEndOffset endOffsetFor(int epoch, long logEndOffset) {
        if (entries.isEmpty() || epoch < 0) {
            return EpochEndOffset.UNDEFINED;
        }
        if (epoch == last().epoch()) {
            return new EpochEndOffset(epoch, logEndOffset);
        }
        Entry floor = null;
        for (Entry entry : entries) {
            if (entry.epoch() > epoch) {
                return new EpochEndOffset(floor == null ? epoch : floor.epoch(), entry.startOffset());
            }
            floor = entry;
        }
        return EpochEndOffset.UNDEFINED;
    }

    /** Forgets epochs that start at or after {@code endOffset} (the log was truncated there). */
    synchronized void truncateFromEnd(long endOffset) {
        if (entries.removeIf(e -> e.startOffset() >= endOffset)) {
            persist();
        }
    }

    /**
     * Forgets epochs that ended before {@code startOffset} (retention removed their records)
     * and moves the start of the epoch holding {@code startOffset} up to it.
     */
    synchronized void truncateFromStart(long startOffset) {
        int keepFrom = 0;
        while (keepFrom + 1 < entries.size() && entries.get(keepFrom + 1).startOffset() <= startOffset) {
            keepFrom++;
        }
        boolean changed = keepFrom > 0;
        entries.subList(0, keepFrom).clear();
        if (!entries.isEmpty() && entries.get(0).startOffset() < startOffset) {
            entries.set(0, new Entry(entries.get(0).epoch(), startOffset));
            changed = true;
        }
        if (changed) {
            persist();
        }
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Writes the cache to its checkpoint (used after a rebuild). */
    synchronized void persist() {
        write(entries);
    }

    /** Writes {@code toWrite} to the checkpoint; the caller changes memory only after this succeeds. */
    private void write(List<Entry> toWrite) {
        List<String> lines = new ArrayList<>(toWrite.size());
        for (Entry entry : toWrite) {
            lines.add(entry.epoch() + " " + entry.startOffset());
        }
        try {
            checkpoint.write(VERSION, lines);
        } catch (IOException e) {
            throw new LogStorageException("writing " + checkpoint.path() + " failed", e);
        }
    }

    private boolean extendsLatest(Entry entry) {
        return entries.isEmpty() || (entry.epoch() > last().epoch() && entry.startOffset() >= last().startOffset());
    }

    private Entry last() {
        return entries.get(entries.size() - 1);
    }
}
