package dev.streamlog.coordinator;

import dev.streamlog.support.runtime.CommonPool;
import dev.streamlog.support.security.InternalListenerTls;
import dev.streamlog.support.security.InternalRoutesGuard;
import dev.streamlog.support.web.JsonErrorPages;
import dev.streamlog.support.web.StrictJson;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The consumer coordinator service: keeps consumer groups' committed offsets in the internal topic
 * {@code __consumer_offsets} on the storage nodes. Coordinators share that topic's partitions
 * through ZooKeeper leases ({@code ownership}); the owner of a partition rebuilds its groups by
 * replaying it ({@code offsets}, {@code group}) and serves their commits and reads
 * ({@code commit}, {@code web}). It also registers through Spring Cloud Zookeeper discovery and
 * reports its health on {@code /actuator/health} (UP while its ZooKeeper client is connected).
 *
 * <p>Not instantiated by callers; Spring owns the only instance.
 */
@SpringBootApplication
@ConfigurationPropertiesScan(basePackageClasses = {CoordinatorApplication.class, ZookeeperLayoutProperties.class})
@Import({JsonErrorPages.class, StrictJson.class, InternalRoutesGuard.class,
        InternalListenerTls.class})
public class CoordinatorApplication {

    /** Starts the service; command-line arguments are Spring properties ({@code --server.port=9291}). */
    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        SpringApplication.run(CoordinatorApplication.class, args);
    }
}
