package dev.streamlog.client.metadata;

/**
 * The cluster metadata cannot be read yet (the ZooKeeper cache has not loaded): a retriable
 * condition, which services answer with 503/50003.
 */
public class MetadataUnavailableException extends RuntimeException {

    public MetadataUnavailableException(String message) {
        super(message);
    }
}
