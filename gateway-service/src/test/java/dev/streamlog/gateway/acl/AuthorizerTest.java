package dev.streamlog.gateway.acl;

import static dev.streamlog.gateway.acl.AclOperation.ALL;
import static dev.streamlog.gateway.acl.AclOperation.ALTER_CONFIGS;
import static dev.streamlog.gateway.acl.AclOperation.DESCRIBE;
import static dev.streamlog.gateway.acl.AclOperation.DESCRIBE_CONFIGS;
import static dev.streamlog.gateway.acl.AclOperation.READ;
import static dev.streamlog.gateway.acl.AclOperation.WRITE;
import static dev.streamlog.gateway.acl.AclPatternType.LITERAL;
import static dev.streamlog.gateway.acl.AclPatternType.PREFIXED;
import static dev.streamlog.gateway.acl.AclPermission.ALLOW;
import static dev.streamlog.gateway.acl.AclPermission.DENY;
import static dev.streamlog.gateway.acl.AclResourceType.GROUP;
import static dev.streamlog.gateway.acl.AclResourceType.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.gateway.auth.UserPrincipal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kafka's ACL rules as the authorizer applies them to one snapshot of ACLs. */
class AuthorizerTest {

    private static final UserPrincipal ALICE = new UserPrincipal("alice");
    private static final UserPrincipal BOB = new UserPrincipal("bob");
    private static final String HOST = "10.0.0.7";

    private static AclBinding acl(AclResourceType type, String name, AclPatternType pattern, String principal,
                                  String host, AclOperation operation, AclPermission permission) {
        return new AclBinding(type, name, pattern, principal, host, operation, permission);
    }

    private static Authorizer authorizer(List<String> superUsers, boolean allowIfNoAcl, AclBinding... acls) {
        AclSnapshot snapshot = new AclSnapshot(List.of(acls));
        return new Authorizer(new AuthorizationProperties(true, String.join(";", superUsers), allowIfNoAcl), () -> snapshot);
    }

    private static Authorizer authorizer(AclBinding... acls) {
        return authorizer(List.of(), false, acls);
    }

    @Test
    void anAllowCoversItsOperationAndTheDescribesItImpliesButNothingElse() {
        Authorizer authorizer = authorizer(
                acl(TOPIC, "orders", LITERAL, "User:alice", "*", WRITE, ALLOW),
                acl(TOPIC, "orders", LITERAL, "User:alice", "*", ALTER_CONFIGS, ALLOW));
        assertThat(authorizer.allows(ALICE, HOST, WRITE, TOPIC, "orders")).isTrue();
        assertThat(authorizer.allows(ALICE, HOST, DESCRIBE, TOPIC, "orders")).isTrue();
        assertThat(authorizer.allows(ALICE, HOST, DESCRIBE_CONFIGS, TOPIC, "orders")).isTrue();
        assertThat(authorizer.allows(ALICE, HOST, READ, TOPIC, "orders")).as("WRITE is not READ").isFalse();
        assertThat(authorizer.allows(BOB, HOST, WRITE, TOPIC, "orders")).as("another principal").isFalse();
        assertThat(authorizer.allows(ALICE, HOST, WRITE, GROUP, "orders")).as("another resource type").isFalse();
        assertThat(authorizer.allows(ALICE, HOST, WRITE, TOPIC, "orders2")).as("a literal is exact").isFalse();
    }

    @Test
    void aPrefixedAclCoversEveryNameThatStartsWithIt() {
        Authorizer authorizer = authorizer(acl(TOPIC, "sales.", PREFIXED, "User:alice", "*", READ, ALLOW));
        assertThat(authorizer.allows(ALICE, HOST, READ, TOPIC, "sales.eu")).isTrue();
        assertThat(authorizer.allows(ALICE, HOST, READ, TOPIC, "sales.")).isTrue();
        assertThat(authorizer.allows(ALICE, HOST, READ, TOPIC, "sales")).isFalse();
        assertThat(authorizer.allows(ALICE, HOST, READ, TOPIC, "presales.eu")).isFalse();
    }

    @Test
    void aDenyWinsOverAnyAllowButDeniesOnlyWhatItNames() {
        Authorizer authorizer = authorizer(
                acl(TOPIC, "*", LITERAL, "User:*", "*", ALL, ALLOW),
                acl(TOPIC, "secret.", PREFIXED, "User:bob", "*", READ, DENY));
        assertThat(authorizer.allows(BOB, HOST, READ, TOPIC, "secret.salaries")).isFalse();
        assertThat(authorizer.allows(BOB, HOST, DESCRIBE, TOPIC, "secret.salaries"))
                .as("a DENY of READ does not deny DESCRIBE").isTrue();
        assertThat(authorizer.allows(BOB, HOST, READ, TOPIC, "public")).isTrue();
        assertThat(authorizer.allows(ALICE, HOST, READ, TOPIC, "secret.salaries")).isTrue();

        Authorizer denyAll = authorizer(
                acl(TOPIC, "orders", LITERAL, "User:bob", "*", WRITE, ALLOW),
                acl(TOPIC, "orders", LITERAL, "User:*", "*", ALL, DENY));
        assertThat(denyAll.allows(BOB, HOST, WRITE, TOPIC, "orders")).isFalse();
        assertThat(denyAll.allows(BOB, HOST, DESCRIBE, TOPIC, "orders")).isFalse();
    }

    @Test
    void anAclForOneHostHoldsOnlyForCallersFromThere() {
        Authorizer authorizer = authorizer(acl(TOPIC, "orders", LITERAL, "User:alice", HOST, READ, ALLOW));
        assertThat(authorizer.allows(ALICE, HOST, READ, TOPIC, "orders")).isTrue();
        assertThat(authorizer.allows(ALICE, "10.0.0.8", READ, TOPIC, "orders")).isFalse();
    }

    @Test
    void superUsersMayDoEverythingEvenWhatIsDenied() {
        Authorizer authorizer = authorizer(List.of("User:alice"), false,
                acl(TOPIC, "orders", LITERAL, "User:*", "*", ALL, DENY));
        assertThat(authorizer.allows(ALICE, HOST, WRITE, TOPIC, "orders")).isTrue();
        assertThat(authorizer.allows(ALICE, HOST, READ, GROUP, "anything")).isTrue();
        assertThat(authorizer.allows(BOB, HOST, WRITE, TOPIC, "orders")).isFalse();
    }

    @Test
    void aResourceNoAclCoversIsAllowedOnlyWhenConfiguredSo() {
        AclBinding other = acl(TOPIC, "orders", LITERAL, "User:alice", "*", READ, ALLOW);
        assertThat(authorizer(other).allows(BOB, HOST, READ, TOPIC, "uncovered")).isFalse();
        Authorizer lenient = authorizer(List.of(), true, other);
        assertThat(lenient.allows(BOB, HOST, READ, TOPIC, "uncovered")).isTrue();
        assertThat(lenient.allows(BOB, HOST, READ, TOPIC, "orders"))
                .as("a covered resource is decided by its ACLs, whatever the setting").isFalse();
    }

    @Test
    void superUsersAreSeparatedAsKafkaSeparatesThemSoCertificateNamesFit() {
        assertThat(new AuthorizationProperties(true, "User:a; User:CN=b,O=Acme;", false).superUserList())
                .containsExactly("User:a", "User:CN=b,O=Acme");
        assertThatThrownBy(() -> new AuthorizationProperties(true, "User:a,User:b", false))
                .as("the old comma-separated form is refused, not read as one principal")
                .hasMessageContaining("separate principals with ';'");
    }

    @Test
    void withAuthorizationOffEverythingIsAllowed() {
        Authorizer off = new Authorizer(new AuthorizationProperties(false, "", false),
                () -> new AclSnapshot(List.of(acl(TOPIC, "*", LITERAL, "User:*", "*", ALL, DENY))));
        assertThat(off.allows(BOB, HOST, WRITE, TOPIC, "orders")).isTrue();
    }

    @Test
    void filtersSelectAsKafkasDo() {
        AclBinding literal = acl(TOPIC, "sales.eu", LITERAL, "User:alice", "*", READ, ALLOW);
        AclBinding wildcard = acl(TOPIC, "*", LITERAL, "User:bob", "*", READ, ALLOW);
        AclBinding prefixed = acl(TOPIC, "sales.", PREFIXED, "User:alice", "*", WRITE, ALLOW);
        AclBinding group = acl(GROUP, "sales.eu", LITERAL, "User:alice", "*", READ, ALLOW);
        List<AclBinding> all = List.of(literal, wildcard, prefixed, group);

        AclFilter match = new AclFilter(TOPIC, "sales.eu", AclFilter.PatternFilter.MATCH, null, null, null, null);
        assertThat(all.stream().filter(match::matches)).containsExactly(literal, wildcard, prefixed);
        AclFilter exact = new AclFilter(null, "sales.eu", AclFilter.PatternFilter.ANY, null, null, null, null);
        assertThat(all.stream().filter(exact::matches)).containsExactly(literal, group);
        AclFilter prefixes = new AclFilter(TOPIC, null, AclFilter.PatternFilter.PREFIXED, "User:alice", null,
                WRITE, ALLOW);
        assertThat(all.stream().filter(prefixes::matches)).containsExactly(prefixed);
    }
}
