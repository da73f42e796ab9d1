package dev.streamlog.coordinator;

import dev.streamlog.support.runtime.CommonPool;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The consumer coordinator service: for now a running node that connects to ZooKeeper,
 * registers itself through Spring Cloud Zookeeper discovery (under
 * {@code /${streamlog.zookeeper.chroot}/services/consumer-coordinator-service}) and reports
 * its health on {@code /actuator/health} (UP while its ZooKeeper client is connected).
 * Consumer groups, their membership and committed offsets arrive with the consumer-groups issue.
 *
 * <p>Not instantiated by callers; Spring owns the only instance.
 */
@SpringBootApplication
public class CoordinatorApplication {

    /** Starts the service; command-line arguments are Spring properties ({@code --server.port=9291}). */
    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        SpringApplication.run(CoordinatorApplication.class, args);
    }
}
