package dev.streamlog.deploy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startable;

/**
 * One compose project run by Testcontainers with the machine's own compose: the standalone
 * {@code docker-compose} (v1) when it is on the PATH, as on the CI machines, else the {@code docker compose}
 * plugin (v2). Images are never pulled (the tests build them), volumes are dropped when it stops, and it
 * counts as started once one chosen service's container reports healthy.
 *
 * <p>Not thread-safe (start, use and stop from one thread).
 */
final class ComposeProject implements Startable {

    private final Startable compose;
    private final Function<String, Optional<ContainerState>> containers;

    private ComposeProject(Startable compose, Function<String, Optional<ContainerState>> containers) {
        this.compose = compose;
        this.containers = containers;
    }

    /**
     * A project named after {@code identifier} (plus a random suffix) from {@code files} (a compose file and its
     * overrides, in order), with {@code env} for the files' variables, started when {@code healthyService} is
     * healthy, within {@code bound}.
     */
    static ComposeProject of(String identifier, List<File> files, Map<String, String> env, String healthyService,
                             Duration bound) {
        File[] ordered = files.toArray(File[]::new);
        if (standaloneComposeOnPath()) {
            DockerComposeContainer<?> v1 = new DockerComposeContainer<>(identifier, ordered)
                    .withEnv(env).withPull(false).withRemoveVolumes(true)
                    .waitingFor(healthyService, Wait.forHealthcheck().withStartupTimeout(bound));
            return new ComposeProject(v1, v1::getContainerByServiceName);
        }
        ComposeContainer v2 = new ComposeContainer(identifier, ordered)
                .withEnv(env).withPull(false).withRemoveVolumes(true)
                .waitingFor(healthyService, Wait.forHealthcheck().withStartupTimeout(bound));
        return new ComposeProject(v2, v2::getContainerByServiceName);
    }

    @Override
    public void start() {
        compose.start();
    }

    @Override
    public void stop() {
        compose.stop();
    }

    /** The container of a service, if the project runs one. */
    Optional<ContainerState> container(String service) {
        return containers.apply(service);
    }

    private static boolean standaloneComposeOnPath() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "docker-compose")).anyMatch(Files::isExecutable);
    }
}
