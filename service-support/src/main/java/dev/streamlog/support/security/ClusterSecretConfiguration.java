package dev.streamlog.support.security;

import dev.streamlog.client.security.ClusterSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ClusterSignature} every service signs its calls to other services with (and a service with internal
 * routes checks them with), from {@link ClusterSecretProperties}. A service without a secret does not start: its
 * calls would be refused, and its internal routes would be open. Stateless.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterSecretProperties.class)
public class ClusterSecretConfiguration {

    @Bean
    ClusterSignature clusterSignature(ClusterSecretProperties properties) {
        if (properties.secretFile() != null) {
            try {
                return ClusterSignature.fromFile(properties.secretFile(), properties.maxSkew());
            } catch (IOException e) {
                throw new UncheckedIOException("streamlog.cluster.secret-file " + properties.secretFile()
                        + " cannot be read: " + e.getMessage(), e);
            }
        }
        if (properties.secret() == null || properties.secret().isBlank()) {
            throw new IllegalStateException("neither streamlog.cluster.secret-file nor streamlog.cluster.secret is"
                    + " set: every service of a cluster needs the cluster's secret to call the others and to refuse"
                    + " callers from outside (bin/cluster, docker-compose.yml and the Helm chart generate one)");
        }
        return new ClusterSignature(properties.secret(), properties.maxSkew(), Clock.systemUTC());
    }
}
