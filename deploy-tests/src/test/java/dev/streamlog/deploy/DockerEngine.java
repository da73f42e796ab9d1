package dev.streamlog.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.testcontainers.DockerClientFactory;

/**
 * Whether the container suites can run: they need a Docker engine Testcontainers can reach. Without one
 * they are skipped, unless {@code STREAMLOG_REQUIRE_DOCKER} is set (as {@code .ci/run} does after starting an
 * engine), where a missing engine fails them.
 *
 * <p>Stateless; thread-safe.
 */
final class DockerEngine {

    private DockerEngine() {
    }

    /** Aborts the calling test class when no engine is reachable, or fails it when one is required. */
    static void assumeAvailable() {
        boolean available = DockerClientFactory.instance().isDockerAvailable();
        if (System.getenv("STREAMLOG_REQUIRE_DOCKER") != null) {
            assertThat(available).as("a Docker engine (STREAMLOG_REQUIRE_DOCKER is set; "
                    + "../shared/tools/offline-docker.sh starts one)").isTrue();
        }
        assumeTrue(available, "no Docker engine here");
    }
}
