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
    void refusesLinesWithoutNameAndDuplicateNames() {
        assertThatThrownBy(() -> HtpasswdFile.parse("users", List.of(":" + HASH)))
                .hasMessage("users, line 1: not name:hash");
        assertThatThrownBy(() -> HtpasswdFile.parse("users", List.of("alice")))
                .hasMessage("users, line 1: not name:hash");
        assertThatThrownBy(() -> HtpasswdFile.parse("users", List.of("alice:" + HASH, "alice:" + HASH)))
                .hasMessage("users, line 2: user 'alice' is named twice");
    }
}
