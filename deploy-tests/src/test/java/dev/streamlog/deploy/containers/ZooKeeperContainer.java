package dev.streamlog.deploy.containers;

import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A standalone ZooKeeper ({@code zookeeper:3.9}, the image docker-compose.yml uses) on its own new
 * network, reachable there as {@code zookeeper:2181}; ready once it serves (its {@code srvr} answer names a
 * mode). The Streamlog containers join its network.
 *
 * <p>Not thread-safe (configure, then start, from one thread).
 */
public final class ZooKeeperContainer extends GenericContainer<ZooKeeperContainer> {

    static final String ALIAS = "zookeeper";
    static final int PORT = 2181;

    public ZooKeeperContainer() {
        super(DockerImageName.parse("zookeeper:3.9"));
        withNetwork(Network.newNetwork());
        withNetworkAliases(ALIAS);
        withEnv("ZOO_4LW_COMMANDS_WHITELIST", "srvr");
        // Bounded: a server still starting can leave the command's connection open.
        waitingFor(Wait.forSuccessfulCommand("timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + PORT
                        + " && printf srvr >&3 && grep -q \"^Mode: \" <&3'")
                .withStartupTimeout(Duration.ofMinutes(1)));
    }

    /** The connect string on the network ({@code zookeeper:2181}). */
    String connectString() {
        return ALIAS + ":" + PORT;
    }
}
