package dev.streamlog.controller.metadata;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * Random identifiers for clusters and topics: a random UUID as 22 characters of URL-safe base64
 * without padding, never starting with {@code -} (as Kafka's {@code Uuid} prints them). Thread-safe.
 */
public final class Ids {

    private Ids() {
    }

    /** A new random id, e.g. {@code "vT9SaRt0QkuYrJ4EgYx3Og"}. */
    public static String random() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16);
            bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }
}
