package dev.streamlog.gateway.acl;

import dev.streamlog.gateway.auth.UserPrincipal;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.TopicNames;
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
     * Refuses with 403/40301 unless the caller may perform {@code operation} on topic {@code name}. A name that
     * cannot be a topic's names no resource: it is left to the route, which refuses it as it always has.
     */
    public void requireTopic(AclOperation operation, String name) {
        if (TopicNames.problem(name).isEmpty()) {
            require(operation, AclResourceType.TOPIC, name);
        }
    }

    /** Refuses with 403/40301 unless the caller may perform {@code operation} on the cluster. */
    public void requireOnCluster(AclOperation operation) {
        require(operation, AclResourceType.CLUSTER, AclResourceType.CLUSTER_NAME);
    }

    /** The 403/40301 refusal of {@code operation} on the resource. */
    public ApiException denied(AclOperation operation, AclResourceType type, String name) {
        return new ApiException(ErrorCode.NOT_AUTHORIZED, caller + " is not allowed " + operation + " on "
                + type.name().toLowerCase(Locale.ROOT) + " '" + name + "'");
    }
}
