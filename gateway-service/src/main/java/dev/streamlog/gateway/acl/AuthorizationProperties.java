package dev.streamlog.gateway.acl;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether and how the public API checks ACLs, prefix {@code streamlog.gateway.authorization}; Kafka's
 * {@code authorizer.class.name}, {@code super.users} and {@code allow.everyone.if.no.acl.found}. Immutable.
 *
 * @param enabled                    check every route's operation against the ACLs (default false: every caller
 *                                   may do everything, and the ACL API only keeps ACLs for later)
 * @param superUsers                 principals ({@code User:<name>}) allowed everything whatever the ACLs say,
 *                                   separated by {@code ;} as Kafka's {@code super.users} (a certificate's name
 *                                   has commas)
 * @param allowEveryoneIfNoAclFound  allow an operation on a resource no ACL covers (default false: denied, as
 *                                   Kafka's default)
 */
@ConfigurationProperties("streamlog.gateway.authorization")
public record AuthorizationProperties(@DefaultValue("false") boolean enabled,
                                      @DefaultValue("") String superUsers,
                                      @DefaultValue("false") boolean allowEveryoneIfNoAclFound) {

    public AuthorizationProperties {
        if (superUsers != null && superUsers.contains(",User:")) {
            throw new IllegalArgumentException("streamlog.gateway.authorization.super-users: separate principals"
                    + " with ';', as Kafka's super.users (a ',' belongs to a certificate's name): " + superUsers);
        }
        for (String user : superUserList(superUsers)) {
            if (!user.startsWith("User:") || user.length() == "User:".length()) {
                throw new IllegalArgumentException("streamlog.gateway.authorization.super-users: '" + user
                        + "' is not a principal; write User:<name>");
            }
        }
    }

    /** The super users, one principal each. */
    public List<String> superUserList() {
        return superUserList(superUsers);
    }

    private static List<String> superUserList(String superUsers) {
        return superUsers == null ? List.of() : Arrays.stream(superUsers.split(";")).map(String::strip)
                .filter(user -> !user.isEmpty()).toList();
    }
}
