package dev.streamlog.deploy;

/**
 * One record as a consumer saw it.
 *
 * @param partition the partition it was read from
 * @param offset    its offset there
 * @param key       its key (a JSON string's text), {@code null} when it had none
 * @param value     its value as compact JSON text
 */
record ConsumedRecord(int partition, long offset, String key, String value) {
}
