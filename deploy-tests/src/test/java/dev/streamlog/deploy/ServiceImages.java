package dev.streamlog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The four service images under test, built once per test JVM by the project's own {@code bin/images}
 * from the jars this build just packaged, tagged {@link #TAG} so a person's {@code latest} images are left
 * alone. The base image is {@code bin/images}' choice: {@code BASE_IMAGE} from the environment (CI passes
 * {@code local/jre:17}), else a public JRE image.
 *
 * <p>Thread-safe (the build runs under the class lock; a failed build is not tried again in the same JVM).
 */
final class ServiceImages {

    /** The tag the tests build and run. */
    static final String TAG = "e2e";
    /** The repository root (bin/, docker-compose.yml, helm/). */
    static final Path ROOT = Path.of(System.getProperty("streamlog.root", "..")).toAbsolutePath().normalize();

    private static final long BUILD_BOUND_MINUTES = 15;
    private static boolean built;
    private static AssertionError failed;

    private ServiceImages() {
    }

    /** Builds the images on first use and returns their tag ({@code streamlog/<service>:<tag>}). */
    static synchronized String tag() {
        if (failed != null) {
            throw failed;
        }
        if (!built) {
            try {
                build();
            } catch (AssertionError e) {
                failed = e;
                throw e;
            }
            built = true;
        }
        return TAG;
    }

    private static void build() {
        Path log = ROOT.resolve("deploy-tests/target/bin-images.log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("bin/images").toString())
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("STREAMLOG_IMAGE_TAG", TAG);
            Process process = builder.start();
            if (!process.waitFor(BUILD_BOUND_MINUTES, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("bin/images took over " + BUILD_BOUND_MINUTES + " minutes; see " + log);
            }
            assertThat(process.exitValue()).as("bin/images exit code; its output:%n%s",
                    Files.readString(log, StandardCharsets.UTF_8)).isZero();
        } catch (IOException e) {
            throw new AssertionError("could not run bin/images (output in " + log + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while building the images", e);
        }
    }

    /** The compose file as shipped. */
    static File composeFile() {
        return ROOT.resolve("docker-compose.yml").toFile();
    }

    /** The shipped override that puts TLS on the gateway's public port ({@code docker-compose.public-tls.yml}). */
    static File publicTlsComposeFile() {
        return ROOT.resolve("docker-compose.public-tls.yml").toFile();
    }
}
