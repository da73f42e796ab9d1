package dev.streamlog.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the partition of a produced record the way Kafka's default partitioner does, so a
 * key lands on the partition it would land on in Kafka: an explicit partition wins; else
 * the murmur2 hash of the key bytes, made positive, modulo the partition count; else (no
 * key) the request's sticky partition, which moves round robin from one request to the
 * next so keyless load spreads evenly while each request stays on one partition.
 *
 * <p>Thread-safe: the hash is a pure function; the sticky position of each topic is an
 * atomic counter.
 */
public final class Partitioner {

    private static final int SEED = 0x9747b28c;
    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private final Map<String, AtomicInteger> stickyPositions = new ConcurrentHashMap<>();

    /**
     * The partition for one record.
     *
     * @param explicit        the partition the client named, or null
     * @param key             the key bytes, or null
     * @param partitionCount  how many partitions the topic has (at least 1)
     * @param stickyPartition this request's partition for keyless records, from {@link #stickyPartition}
     */
    public static int partition(Integer explicit, byte[] key, int partitionCount, int stickyPartition) {
        checkCount(partitionCount);
        if (explicit != null) {
            return explicit;
        }
        if (key != null) {
            return partitionForKey(key, partitionCount);
        }
        return stickyPartition;
    }

    /** Kafka's partition for a key: {@code toPositive(murmur2(key)) % partitionCount}. */
    public static int partitionForKey(byte[] key, int partitionCount) {
        checkCount(partitionCount);
        return toPositive(murmur2(key)) % partitionCount;
    }

    /** Clears the sign bit (not {@code Math.abs}, which leaves {@code MIN_VALUE} negative). */
    public static int toPositive(int value) {
        return value & 0x7fffffff;
    }

    /**
     * The 32-bit MurmurHash2 of {@code data} with Kafka's seed {@code 0x9747b28c}, reading
     * 4-byte little-endian blocks, then the 1 to 3 tail bytes, then the final mix.
     */
    public static int murmur2(byte[] data) {
        int length = data.length;
        int h = SEED ^ length;
        int blocks = length / 4;
        for (int i = 0; i < blocks; i++) {
            int at = i * 4;
            int k = (data[at] & 0xff) | ((data[at + 1] & 0xff) << 8) | ((data[at + 2] & 0xff) << 16)
                    | ((data[at + 3] & 0xff) << 24);
            k *= M;
            k ^= k >>> R;
            k *= M;
            h *= M;
            h ^= k;
        }
        int tail = blocks * 4;
        switch (length % 4) {
            case 3:
                h ^= (data[tail + 2] & 0xff) << 16;
            case 2:
                h ^= (data[tail + 1] & 0xff) << 8;
            case 1:
                h ^= data[tail] & 0xff;
                h *= M;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h;
    }

    /**
     * The partition for the keyless records of one produce request to {@code topic}: each
     * call moves to the next partition, starting from a random one.
     */
    public int stickyPartition(String topic, int partitionCount) {
        checkCount(partitionCount);
        AtomicInteger position = stickyPositions.computeIfAbsent(topic,
                t -> new AtomicInteger(ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE)));
        return toPositive(position.getAndIncrement()) % partitionCount;
    }

    private static void checkCount(int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, got " + partitionCount);
        }
    }
}
