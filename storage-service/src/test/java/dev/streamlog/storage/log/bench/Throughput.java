package dev.streamlog.storage.log.bench;

/**
 * How many records and bytes one timed run moved, and in how many seconds.
 *
 * @param records records written or read
 * @param bytes   bytes written or read
 * @param seconds elapsed wall-clock time
 */
record Throughput(long records, long bytes, double seconds) {

    double recordsPerSecond() {
        return records / seconds;
    }

    /** Megabytes (10^6 bytes) per second. */
    double megabytesPerSecond() {
        return bytes / seconds / 1e6;
    }
}
