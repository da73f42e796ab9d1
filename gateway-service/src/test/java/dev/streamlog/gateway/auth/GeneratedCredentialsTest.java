package dev.streamlog.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** The credentials a deployment starts with: written once, readable by their owner only, taken by the gateway. */
class GeneratedCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsCreatedWithOneUserWhosePasswordLiesBesideItAndAnExistingOneIsKept() throws Exception {
        Path users = dir.resolve("credentials/users.htpasswd");
        Path passwordFile = GeneratedCredentials.createIfMissing(users, "admin");
        assertThat(passwordFile).isEqualTo(dir.resolve("credentials/admin.password"));
        String password = Files.readString(passwordFile).strip();
        assertThat(password).hasSize(24);
        for (Path file : new Path[] {users, passwordFile}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(BCrypt.checkpw(password, HtpasswdFile.read(users).hashOf("admin")))
                .as("the gateway's own reader takes the file, and the password checks").isTrue();

        String before = Files.readString(users);
        assertThat(GeneratedCredentials.createIfMissing(users, "admin")).isNull();
        assertThat(Files.readString(users)).isEqualTo(before);
        assertThat(Files.readString(passwordFile).strip()).isEqualTo(password);
    }
}
