package dev.streamlog.gateway.acl;

import dev.streamlog.gateway.auth.UserPrincipal;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides whether a caller may perform an operation on a resource, as Kafka's ACL authorizer does: a super user
 * may do everything; otherwise a DENY ACL that covers the resource and names the caller (or {@code User:*}), its
 * address (or {@code *}) and the operation (or ALL) denies; otherwise an ALLOW ACL that does the same for the
 * operation or one that implies it ({@link AclOperation}) allows; a resource no ACL covers at all is allowed only
 * with {@code allow-everyone-if-no-acl-found}. With authorization off everything is allowed. Reads the current
 * {@link AclSnapshot} of the {@link AclCache}; thread-safe.
 */
public class Authorizer {

    private final AuthorizationProperties properties;
    private final Supplier<AclSnapshot> acls;
    private final Set<String> superUsers;

    public Authorizer(AuthorizationProperties properties, AclCache acls) {
        this(properties, acls::snapshot);
    }

    Authorizer(AuthorizationProperties properties, Supplier<AclSnapshot> acls) {
        this.properties = properties;
        this.acls = acls;
        this.superUsers = Set.copyOf(properties.superUserList());
    }

    /** Whether ACLs are checked at all. */
    public boolean enabled() {
        return properties.enabled();
    }

    /** Whether {@code caller} is one of the super users. */
    public boolean superUser(UserPrincipal caller) {
        return superUsers.contains(caller.getName());
    }

    /**
     * Whether {@code caller}, calling from {@code host}, may perform {@code operation} on the resource {@code name}
     * of {@code type}. Refuses with 503/50003 while the ACLs have not been read from ZooKeeper yet.
     */
    public boolean allows(UserPrincipal caller, String host, AclOperation operation, AclResourceType type,
                          String name) {
        if (!properties.enabled() || superUsers.contains(caller.getName())) {
            return true;
        }
        AclSnapshot snapshot = acls.get();
        return snapshot.decide(new AclSnapshot.Question(caller.getName(), host, operation, type, name),
                question -> decide(snapshot, question));
    }

    private boolean decide(AclSnapshot snapshot, AclSnapshot.Question question) {
        List<AclBinding> covering = snapshot.covering(question.type(), question.name());
        if (covering.isEmpty()) {
            return properties.allowEveryoneIfNoAclFound();
        }
        Set<AclOperation> allowedBy = question.operation().allowedBy();
        boolean allowed = false;
        for (AclBinding acl : covering) {
            if (!acl.appliesTo(question.principal(), question.host())) {
                continue;
            }
            if (acl.permission() == AclPermission.DENY) {
                if (acl.operation() == question.operation() || acl.operation() == AclOperation.ALL) {
                    return false;
                }
            } else if (allowedBy.contains(acl.operation())) {
                allowed = true;
            }
        }
        return allowed;
    }
}
