package dev.streamlog.deploy.containers;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * One Streamlog service as a container of its image ({@code streamlog/<service>:<tag>}) on the network of a
 * {@link ZooKeeperContainer}, reachable there under a network alias, configured the way docker-compose.yml
 * configures it (environment variables only; the cluster secret as a value, one per test run), and ready when
 * its Actuator readiness group answers 200 through the mapped port.
 *
 * <p>Not thread-safe (configure, then start, from one thread).
 *
 * @param <SELF> the concrete role, for the fluent {@link GenericContainer} methods
 */
public abstract class StreamlogContainer<SELF extends StreamlogContainer<SELF>> extends GenericContainer<SELF> {

    private static final Duration START_BOUND = Duration.ofMinutes(3);
    /** The secret every service container of this test run signs its calls with, as compose's volume gives it. */
    private static final String CLUSTER_SECRET = newSecret();

    private final String alias;
    private final int port;

    StreamlogContainer(String service, String tag, ZooKeeperContainer zooKeeper, String alias, int port) {
        super(DockerImageName.parse("streamlog/" + service + ":" + tag));
        this.alias = alias;
        this.port = port;
        withNetwork(zooKeeper.getNetwork());
        withNetworkAliases(alias);
        withExposedPorts(port);
        withEnv("SPRING_CLOUD_ZOOKEEPER_CONNECT_STRING", zooKeeper.connectString());
        withEnv("STREAMLOG_ZOOKEEPER_CHROOT", "streamlog");
        withEnv("STREAMLOG_CLUSTER_SECRET", CLUSTER_SECRET);
        withEnv("SPRING_CLOUD_ZOOKEEPER_DISCOVERY_INSTANCE_HOST", alias);
        // The image's JAVA_OPTS knob; C1 only, since a smoke test ends long before C2 would pay off.
        withEnv("JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
        dependsOn(zooKeeper);
        waitingFor(Wait.forHttp("/readyz").forPort(port).forStatusCode(200)
                .withStartupTimeout(START_BOUND));
    }

    private static String newSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** The service's name on the network. */
    public String alias() {
        return alias;
    }

    /** {@code http://host:mappedPort} from the test's side. */
    public String baseUrl() {
        return "http://" + getHost() + ":" + getMappedPort(port);
    }
}
