package dev.streamlog.storage.log.errors;

/** An append names a leader epoch older than the latest one the log has seen: a fenced leader. */
public final class StaleLeaderEpochException extends LogException {

    public StaleLeaderEpochException(int epoch, int latestEpoch) {
        super("leader epoch " + epoch + " is older than the log's latest epoch " + latestEpoch);
    }
}
