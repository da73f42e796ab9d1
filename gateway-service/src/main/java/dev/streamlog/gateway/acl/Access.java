package dev.streamlog.gateway.acl;

import dev.streamlog.gateway.auth.UserPrincipal;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import java.util.Locale;

/**
 * What one request's caller may do: its principal and client address, asked of the {@link Authorizer}. A handler
 * takes it as a parameter ({@link AccessArgument}) and checks the operation its route needs before it does
 * anything, as the README's route table says; {@link #require} refuses with 403/40301. Immutable.
 */
public final class Access {

    private final Authorizer authorizer;
    private final UserPrincipal caller;
    private final String host;

    public Access(Authorizer authorizer, UserPrincipal caller, String host) {
        this.authorizer = authorizer;
        this.caller = caller;
        this.host = host;
    }

    /** Who is calling. */
    public UserPrincipal caller() {
        return caller;
    }

    /** Whether the caller may perform {@code operation} on the resource {@code name} of {@code type}. */
    public boolean allows(AclOperation operation, AclResourceType type, String name) {
        return authorizer.allows(caller, host, operation, type, name);
    }

    /** Whether the caller may perform {@code operation} on the cluster. */
    public boolean allowsOnCluster(AclOperation operation) {
        return allows(operation, AclResourceType.CLUSTER, AclResourceType.CLUSTER_NAME);
    }

    /** Refuses with 403/40301 unless the caller may perform {@code operation} on the resource. */
    public void require(AclOperation operation, AclResourceType type, String name) {
        if (!allows(operation, type, name)) {
            throw denied(operation, type, name);
        }
    }

    /**
     * Refuses with 403/40301 unless the caller may perform {@code operation} on topic {@code name}, checked before
     * the name itself: a name no ACL allows is refused whether or not it could be a topic's.
     */
    public void requireTopic(AclOperation operation, String name) {
        require(operation, AclResourceType.TOPIC, name);
    }

    /** Refuses with 403/40301 unless the caller may perform {@code operation} on the cluster. */
    public void requireOnCluster(AclOperation operation) {
        require(operation, AclResourceType.CLUSTER, AclResourceType.CLUSTER_NAME);
    }

    /**
     * Refuses with 403/40301 unless the caller may change ACLs: ALTER on the cluster when ACLs are enforced; when
     * they are not, only a super user may (so nobody plants ACLs that take effect once enforcement is turned on).
     */
    public void requireAclAdministration() {
        if (authorizer.enabled()) {
            requireOnCluster(AclOperation.ALTER);
        } else if (!authorizer.superUser(caller)) {
            throw new ApiException(ErrorCode.NOT_AUTHORIZED, "ACLs are not enforced here"
                    + " (streamlog.gateway.authorization.enabled is false): only a super user may change them");
        }
    }

    /** The 403/40301 refusal of {@code operation} on the resource. */
    public ApiException denied(AclOperation operation, AclResourceType type, String name) {
        return new ApiException(ErrorCode.NOT_AUTHORIZED, caller + " is not allowed " + operation + " on "
                + type.name().toLowerCase(Locale.ROOT) + " '" + name + "'");
    }
}
