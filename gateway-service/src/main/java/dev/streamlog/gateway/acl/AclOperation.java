package dev.streamlog.gateway.acl;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an ACL allows or denies, Kafka's operations that Streamlog's routes check (the route table in the README
 * names the one each route needs). {@link #ALL} stands for every operation. As in Kafka, an ALLOW of
 * {@link #READ}, {@link #WRITE}, {@link #DELETE} or {@link #ALTER} also allows {@link #DESCRIBE}, and one of
 * {@link #ALTER_CONFIGS} also allows {@link #DESCRIBE_CONFIGS}; a DENY denies only what it names (or all).
 */
public enum AclOperation {
    ALL, READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS;

    /** The operations whose ALLOW allows this one: itself, {@link #ALL} and, for the describes, what implies them. */
    Set<AclOperation> allowedBy() {
        Set<AclOperation> by = EnumSet.of(this, ALL);
        if (this == DESCRIBE) {
            by.addAll(EnumSet.of(READ, WRITE, DELETE, ALTER));
        } else if (this == DESCRIBE_CONFIGS) {
            by.add(ALTER_CONFIGS);
        }
        return by;
    }
}
