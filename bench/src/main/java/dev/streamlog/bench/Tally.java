package dev.streamlog.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a load counted: records acknowledged (or read), and failed requests by error code ({@code http_<status>}
 * without a code, {@code transport} without an answer).
 *
 * <p>Thread-safe: the load's threads add to it while its reporter reads it.
 */
record Tally(LongAdder records, Map<String, LongAdder> errors) {

    Tally() {
        this(new LongAdder(), new ConcurrentHashMap<>());
    }

    void fail(String code) {
        errors.computeIfAbsent(code, key -> new LongAdder()).increment();
    }

    long failed() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
