package dev.streamlog.it.kit;

/**
 * The service roles a {@link StreamlogCluster} can run, each with the Maven module whose
 * executable jar it launches and the node-name prefix ({@code storage-1}, {@code gateway-1}).
 *
 * <p>Immutable; thread-safe.
 */
public enum Role {
    CONTROLLER("controller", "controller-service"),
    STORAGE("storage", "storage-service"),
    COORDINATOR("coordinator", "consumer-coordinator-service"),
    GATEWAY("gateway", "gateway-service");

    private final String prefix;
    private final String module;

    Role(String prefix, String module) {
        this.prefix = prefix;
        this.module = module;
    }

    /** Node-name prefix: node {@code n} of this role is called {@code prefix-n}. */
    public String prefix() {
        return prefix;
    }

    /** The Maven module (and jar name) of this role's service. */
    public String module() {
        return module;
    }
}
