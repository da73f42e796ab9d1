package dev.streamlog.storage.config;

import dev.streamlog.storage.log.LogConfig;
import dev.streamlog.storage.log.LogManager;
import dev.streamlog.support.zookeeper.ZookeeperLayoutProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the log engine into the application: the clock and the {@link LogManager}, which
 * opens (and recovers) every log in the data dir while the context starts, so everything that
 * depends on it, registration included, comes after the logs are loaded. The manager is closed
 * (every log flushed and closed cleanly) when the context stops. Stateless; its beans are
 * thread-safe.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StorageProperties.class, ZookeeperLayoutProperties.class})
public class StorageConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    LogManager logManager(StorageProperties properties, Clock clock) {
        StorageProperties.Engine engine = properties.engine();
        return LogManager.start(new LogManager.Settings(List.of(properties.dataDir()), LogConfig.defaults(),
                engine.recoveryThreads(), engine.retentionCheckInterval(), engine.flushCheckInterval()), clock);
    }
}
