package dev.streamlog.gateway.acl;

import java.util.Objects;

/**
 * One ACL, Kafka's {@code AclBinding}: a resource pattern and an access control entry. {@code principal} is
 * {@code User:<name>} or {@code User:*} (everyone); {@code host} is a client address as the gateway sees it or
 * {@code *} (any). Immutable.
 */
public record AclBinding(AclResourceType resourceType, String resourceName, AclPatternType patternType,
                         String principal, String host, AclOperation operation, AclPermission permission) {

    /** The principal that stands for everyone. */
    public static final String ANY_PRINCIPAL = "User:*";
    /** The host that stands for every client address, and the resource name that stands for every resource. */
    public static final String WILDCARD = "*";

    public AclBinding {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(patternType, "patternType");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(permission, "permission");
    }

    /** Whether this ACL's resource pattern covers the resource {@code name} of {@code type}. */
    boolean covers(AclResourceType type, String name) {
        if (type != resourceType) {
            return false;
        }
        return switch (patternType) {
            case LITERAL -> resourceName.equals(name) || resourceName.equals(WILDCARD);
            case PREFIXED -> name.startsWith(resourceName);
        };
    }

    /** Whether this ACL's entry holds for {@code callerPrincipal} (or everyone) calling from {@code clientHost}. */
    boolean appliesTo(String callerPrincipal, String clientHost) {
        return (principal.equals(callerPrincipal) || principal.equals(ANY_PRINCIPAL))
                && (host.equals(WILDCARD) || host.equals(clientHost));
    }
}
