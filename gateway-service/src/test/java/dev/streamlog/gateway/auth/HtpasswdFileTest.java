package dev.streamlog.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

class HtpasswdFileTest {

    private static final String HASH = BCrypt.hashpw("secret", BCrypt.gensalt(4));

    @Test
    void readsBcryptEntriesSkippingCommentsAndBlankLines() {
        String apacheStyle = "$2y$" + HASH.substring(4);
        HtpasswdFile file = HtpasswdFile.parse("users", List.of("# operators", "", "alice:" + HASH,
                "  bob:" + apacheStyle + "  "));
        assertThat(file.size()).isEqualTo(2);
        assertThat(file.hashOf("alice")).isEqualTo(HASH);
        assertThat(file.hashOf("bob")).isEqualTo(apacheStyle);
        assertThat(file.hashOf("carol")).isNull();
    }

    @Test
    void refusesAnyHashThatIsNotBcryptNamingTheLine() {
        for (String weak : List.of("secret", "$apr1$abc$defghijklmnopqrstuvwx", "{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=",
                "rl0uE4wE0XTYo", "{noop}secret", "$2a$10$short")) {
            assertThatThrownBy(() -> HtpasswdFile.parse("users", List.of("alice:" + HASH, "bob:" + weak)))
                    .hasMessage("users, line 2: the hash of user 'bob' is not bcrypt; write it with htpasswd -B");
        }
    }

    @Test
    void refusesTheReservedNameAndImpossibleCostsAndKnowsTheHighestCost() {
        assertThatThrownBy(() -> HtpasswdFile.parse("users", List.of("ANONYMOUS:" + HASH)))
                .hasMessage("users, line 1: the name 'ANONYMOUS' is reserved for callers without credentials");
        assertThatThrownBy(() -> HtpasswdFile.parse("users", List.of("alice:$2a$99$" + HASH.substring(7))))
                .hasMessageContaining("is not bcrypt");
        String cost12 = "$2a$12$" + HASH.substring(7);
        assertThat(HtpasswdFile.parse("users", List.of("alice:" + HASH, "bob:" + cost12)).highestCost())
                .isEqualTo(12);
        assertThat(HtpasswdFile.parse("users", List.of()).highestCost()).isEqualTo(10);
    }

    @Test
    void refusesLinesWithoutNameAndDuplicateNames() {
        assertThatThrownBy(() -> HtpasswdFile.parse("users", List.of(":" + HASH)))
                .hasMessage("users, line 1: not name:hash");
        assertThatThrownBy(() -> HtpasswdFile.parse("users", List.of("alice")))
                .hasMessage("users, line 1: not name:hash");
        assertThatThrownBy(() -> HtpasswdFile.parse("users", List.of("alice:" + HASH, "alice:" + HASH)))
                .hasMessage("users, line 2: user 'alice' is named twice");
    }
}
