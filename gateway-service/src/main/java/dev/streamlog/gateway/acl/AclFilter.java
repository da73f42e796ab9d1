package dev.streamlog.gateway.acl;

/**
 * Which ACLs a search or a delete selects, Kafka's {@code AclBindingFilter}: a null field selects any value. The
 * pattern filter is {@link PatternFilter#ANY} (any pattern type; with a name, that exact name), {@link
 * PatternFilter#MATCH} (with a name, every ACL that covers a resource of that name: the literal name, the literal
 * {@code *} and every prefix of it that a PREFIXED ACL names), or one pattern type (with a name, that exact name).
 * Immutable.
 */
public record AclFilter(AclResourceType resourceType, String resourceName, PatternFilter patternFilter,
                        String principal, String host, AclOperation operation, AclPermission permission) {

    /** The pattern types a filter can select. */
    public enum PatternFilter { ANY, MATCH, LITERAL, PREFIXED }

    /** Whether {@code acl} is selected. */
    public boolean matches(AclBinding acl) {
        return (resourceType == null || resourceType == acl.resourceType())
                && patternMatches(acl)
                && (principal == null || principal.equals(acl.principal()))
                && (host == null || host.equals(acl.host()))
                && (operation == null || operation == acl.operation())
                && (permission == null || permission == acl.permission());
    }

    private boolean patternMatches(AclBinding acl) {
        return switch (patternFilter) {
            case ANY -> resourceName == null || resourceName.equals(acl.resourceName());
            case MATCH -> resourceName == null || acl.covers(acl.resourceType(), resourceName);
            case LITERAL -> acl.patternType() == AclPatternType.LITERAL
                    && (resourceName == null || resourceName.equals(acl.resourceName()));
            case PREFIXED -> acl.patternType() == AclPatternType.PREFIXED
                    && (resourceName == null || resourceName.equals(acl.resourceName()));
        };
    }
}
