package dev.streamlog.gateway;

import dev.streamlog.support.runtime.CommonPool;
import dev.streamlog.support.web.JsonErrorPages;
import dev.streamlog.support.web.StrictJson;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The gateway service: Streamlog's public HTTP API (Confluent REST Proxy v2-compatible data plane, v3-shaped
 * admin). It keeps no state of its own: a ZooKeeper-fed metadata cache tells it which storage node leads each
 * partition ({@code metadata}), produce and fetch calls go to that leader's internal API ({@code produce},
 * {@code fetch}, {@code storage}), admin calls are forwarded to the active controller ({@code admin}). Stateless.
 */
@SpringBootApplication
@ConfigurationPropertiesScan(basePackageClasses = {GatewayApplication.class, ZookeeperLayoutProperties.class})
@Import({JsonErrorPages.class, StrictJson.class})
public class GatewayApplication {

    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        SpringApplication.run(GatewayApplication.class, args);
    }
}
