/**
 * The record batch format: {@link dev.streamlog.storage.log.record.RecordBatchBuilder} writes
 * it (and documents it), {@link dev.streamlog.storage.log.record.RecordBatch} reads and
 * verifies it in place. Plain ByteBuffers, no file I/O.
 */
package dev.streamlog.storage.log.record;
