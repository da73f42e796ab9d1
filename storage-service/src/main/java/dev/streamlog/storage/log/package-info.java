/**
 * The partition log engine: plain Java, no Spring, so the storage service wraps it and tests
 * run it directly.
 *
 * <p>{@link dev.streamlog.storage.log.LogManager} owns the data dirs and every
 * {@link dev.streamlog.storage.log.PartitionLog}; a partition log is a {@code SegmentSet} of
 * {@code Segment}s, each a {@code .log} file of record batches (format in
 * {@link dev.streamlog.model.batch.RecordBatchBuilder}) with a sparse
 * {@link dev.streamlog.storage.log.index.OffsetIndex} and
 * {@link dev.streamlog.storage.log.index.TimeIndex}. {@link dev.streamlog.storage.log.LogFiles}
 * alone knows file names; {@code LogLoader} opens and recovers a directory. Lock order is in
 * {@code LOCKS.md} beside this file. Every failure the caller can cause has its own exception
 * in {@code log.errors}.
 */
package dev.streamlog.storage.log;
