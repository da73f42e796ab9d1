package dev.streamlog.storage.log;

/**
 * Answer to "where does epoch E end in your log?", the question a follower asks its leader
 * before truncating.
 *
 * @param epoch     the largest epoch at most the one asked for, or {@link #UNDEFINED_EPOCH}
 * @param endOffset the first offset after that epoch (the log end offset for the latest
 *                  epoch), or {@link #UNDEFINED_OFFSET}
 */
public record EpochEndOffset(int epoch, long endOffset) {

    public static final int UNDEFINED_EPOCH = -1;
    public static final long UNDEFINED_OFFSET = -1L;

    /** The answer when the log knows nothing about the epoch. */
    public static final EpochEndOffset UNDEFINED = new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_OFFSET);
}
