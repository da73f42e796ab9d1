package dev.streamlog.storage.replica;

/** A request to another storage node's replica endpoint failed: its HTTP status (0 if none) and answer. Immutable. */
public final class ReplicaRequestException extends RuntimeException {

    private final int status;

    public ReplicaRequestException(int status, String message) {
        super(status == 0 ? message : "HTTP " + status + ": " + message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
