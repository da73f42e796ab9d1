package dev.streamlog.gateway.acl;

/** Whether an ACL allows or denies; a matching {@link #DENY} wins over any {@link #ALLOW}. */
public enum AclPermission {
    ALLOW, DENY
}
