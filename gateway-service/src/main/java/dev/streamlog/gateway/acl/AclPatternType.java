package dev.streamlog.gateway.acl;

/**
 * How an ACL's resource name matches resources, as Kafka's {@code PatternType}: {@link #LITERAL} names one resource
 * (or every one with the name {@code *}), {@link #PREFIXED} every resource whose name starts with it.
 */
public enum AclPatternType {
    LITERAL, PREFIXED
}
