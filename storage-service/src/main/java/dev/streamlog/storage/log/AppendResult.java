package dev.streamlog.storage.log;

/**
 * What an append assigned.
 *
 * @param baseOffset    offset of the batch's first record
 * @param lastOffset    offset of its last record
 * @param logAppendTime the log's clock when it appended, epoch ms
 */
public record AppendResult(long baseOffset, long lastOffset, long logAppendTime) {
}
