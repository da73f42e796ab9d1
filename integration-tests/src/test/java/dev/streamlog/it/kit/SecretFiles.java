package dev.streamlog.it.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * A temporary directory for the secrets a security suite hands its gateways (credentials files, keys,
 * certificates), deleted with everything in it by {@link #close}; and the HTTP Basic header those credentials make.
 * Not thread-safe (one suite's set-up and tear-down).
 */
public final class SecretFiles implements AutoCloseable {

    private final Path dir;

    private SecretFiles(Path dir) {
        this.dir = dir;
    }

    /** A new directory under the system's temporary directory, its name starting with {@code prefix}. */
    public static SecretFiles create(String prefix) {
        try {
            return new SecretFiles(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code name} in the directory. */
    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /**
     * Writes {@code name} as an htpasswd file of {@code passwords} (bcrypt at cost 4, as {@code htpasswd -B -C 4}
     * would), whole (written beside, then moved over) and with a new modification time, so a gateway watching it
     * sees one change.
     */
    public Path htpasswd(String name, Map<String, String> passwords) {
        StringBuilder file = new StringBuilder("# written by a test, as htpasswd -B would\n");
        passwords.forEach((user, password) -> file.append(user).append(':')
                .append(BCrypt.hashpw(password, BCrypt.gensalt(4))).append('\n'));
        try {
            Path next = Files.writeString(dir.resolve(name + ".next"), file);
            Path target = Files.move(next, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code Basic base64(user:password)}, the {@code Authorization} header's value. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes the directory and everything in it. */
    @Override
    public void close() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
