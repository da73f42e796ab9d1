package dev.streamlog.storage.log.bench;

import java.util.Arrays;

/**
 * The raw and engine runs of one measurement, taken in pairs (one round each, back to
 * back) so that load from other processes hits both sides of a pair alike.
 *
 * @param raw    the raw run with the median time
 * @param engine the engine run with the median time
 * @param ratio  the median over the rounds of engine throughput / raw throughput
 */
record Comparison(Throughput raw, Throughput engine, double ratio) {

    /** Pairs {@code raw[i]} with {@code engine[i]}; all runs moved the same volume. */
    static Comparison of(Throughput[] raw, Throughput[] engine) {
        double[] ratios = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            ratios[i] = raw[i].seconds() / engine[i].seconds();
        }
        Arrays.sort(ratios);
        return new Comparison(median(raw), median(engine), ratios[ratios.length / 2]);
    }

    private static Throughput median(Throughput[] runs) {
        Throughput[] sorted = runs.clone();
        Arrays.sort(sorted, (a, b) -> Double.compare(a.seconds(), b.seconds()));
        return sorted[sorted.length / 2];
    }
}
