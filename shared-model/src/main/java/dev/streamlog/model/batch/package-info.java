/**
 * The record batch format, shared by everything that writes or reads a partition's log:
 * {@link dev.streamlog.model.batch.RecordBatchBuilder} writes it (and documents it),
 * {@link dev.streamlog.model.batch.RecordBatch} reads and verifies it in place, and
 * {@link dev.streamlog.model.batch.RecordBatches} is the internal append body of batches that the gateway and
 * the coordinator encode once and a leader writes as they came. Plain ByteBuffers, no I/O.
 */
package dev.streamlog.model.batch;
