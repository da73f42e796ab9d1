/** The leader's append endpoint: records to batches (split by {@code max.message.bytes}) to the log. */
package dev.streamlog.storage.produce;
