package dev.streamlog.it.kit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the executable jars the service modules built: {@code <jars dir>/<module>/target/<module>-<version>.jar}.
 * The jars dir and version come from the system properties {@code streamlog.jars.dir} (the
 * repository root) and {@code streamlog.version}, which failsafe passes (see this module's pom).
 *
 * <p>Stateless; thread-safe.
 */
final class Jars {

    static final String JARS_DIR_PROPERTY = "streamlog.jars.dir";
    static final String VERSION_PROPERTY = "streamlog.version";

    private Jars() {
    }

    /** The jar of the role's module; fails with a hint when it has not been built. */
    static Path of(Role role) {
        String dir = required(JARS_DIR_PROPERTY);
        String version = required(VERSION_PROPERTY);
        Path jar = Path.of(dir, role.module(), "target", role.module() + "-" + version + ".jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar + ": build the service modules first "
                    + "(mvn verify at the repository root builds them before integration-tests)");
        }
        return jar;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests through "
                    + "Maven (failsafe sets it) or pass -D" + property + "=...");
        }
        return value;
    }
}
