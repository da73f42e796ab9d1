package dev.streamlog.controller;

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
 * The controller service: one instance is the active controller (Curator leader latch on
 * {@code /controller}), the others stand by. The active one serves topic administration at the
 * v3 admin paths and keeps all cluster state in ZooKeeper. See {@code package-info} of
 * {@link dev.streamlog.controller.metadata} for how commands become ZooKeeper writes. Stateless.
 */
@SpringBootApplication
@ConfigurationPropertiesScan(basePackageClasses = {ControllerApplication.class, ZookeeperLayoutProperties.class})
@Import({JsonErrorPages.class, StrictJson.class, InternalRoutesGuard.class,
        InternalListenerTls.class})
public class ControllerApplication {

    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        SpringApplication.run(ControllerApplication.class, args);
    }
}
