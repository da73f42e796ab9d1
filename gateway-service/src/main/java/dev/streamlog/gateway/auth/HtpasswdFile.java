package dev.streamlog.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Basic users and their password hashes, read from an htpasswd file: one {@code name:hash} per line, blank lines
 * and lines starting with {@code #} ignored, as Apache's {@code htpasswd -B} writes it. Every hash must be bcrypt
 * ({@code $2a$}, {@code $2b$} or {@code $2y$}): a file with a plain-text password, or an MD5, SHA-1 or crypt hash, is
 * refused whole, naming the line, so no weak credential is taken by mistake; so is a user named {@code ANONYMOUS},
 * the name of callers without credentials. Immutable.
 */
final class HtpasswdFile {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private final Map<String, String> hashes;

    private HtpasswdFile(Map<String, String> hashes) {
        this.hashes = hashes;
    }

    /** Reads and checks {@code file}; fails naming the file and the line of the first entry that is not valid. */
    static HtpasswdFile read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static HtpasswdFile parse(String source, List<String> lines) {
        Map<String, String> hashes = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String where = source + ", line " + (i + 1);
            if (colon <= 0) {
                throw new IllegalArgumentException(where + ": not name:hash");
            }
            String name = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            if (!BCRYPT.matcher(hash).matches() || Integer.parseInt(hash.substring(4, 6)) < 4
                    || Integer.parseInt(hash.substring(4, 6)) > 31) {
                throw new IllegalArgumentException(where + ": the hash of user '" + name + "' is not bcrypt;"
                        + " write it with htpasswd -B");
            }
            if (name.equals(UserPrincipal.ANONYMOUS.name())) {
                throw new IllegalArgumentException(where + ": the name '" + name + "' is reserved for callers"
                        + " without credentials");
            }
            if (hashes.putIfAbsent(name, hash) != null) {
                throw new IllegalArgumentException(where + ": user '" + name + "' is named twice");
            }
        }
        return new HtpasswdFile(Map.copyOf(hashes));
    }

    /** The highest bcrypt cost of the file's hashes (10 for a file without users). */
    int highestCost() {
        return hashes.values().stream().mapToInt(hash -> Integer.parseInt(hash.substring(4, 6))).max().orElse(10);
    }

    /** The bcrypt hash of {@code name}'s password, or null if there is no such user. */
    String hashOf(String name) {
        return hashes.get(name);
    }

    int size() {
        return hashes.size();
    }
}
