package dev.streamlog.support.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * TLS on the listener of a service's internal routes (storage nodes, controllers, coordinators take it with
 * {@code @Import}): when {@link ClusterTlsProperties} names a bundle, the service's port speaks only HTTPS, with the
 * bundle's certificate, which Spring reloads when its files change if the bundle says {@code reload-on-update}. It
 * runs after Spring's own customizers, so it wins over {@code server.ssl.*}. A separate management port
 * ({@code management.server.port}) keeps plain HTTP for probes and scrapers. Stateless.
 */
@Configuration(proxyBeanMethods = false)
@Import(ClusterTlsConfiguration.class)
public class InternalListenerTls {

    @Bean
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> internalListenerTlsCustomizer(
            ClusterTlsProperties properties, ObjectProvider<SslBundles> bundles) {
        return new HttpsOnly(properties, bundles);
    }

    /** Puts the bundle on the service's listener, which then speaks HTTPS only. */
    private record HttpsOnly(ClusterTlsProperties properties, ObjectProvider<SslBundles> bundles)
            implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableWebServerFactory factory) {
            if (!properties.enabled()) {
                return;
            }
            SslBundles sslBundles = bundles.getObject();
            if (ClusterTlsConfiguration.bundle(properties, sslBundles).getStores().getKeyStore() == null) {
                throw new IllegalStateException("the SSL bundle '" + properties.bundle() + "' of"
                        + " streamlog.cluster.tls.bundle has no key store: give it this service's certificate and"
                        + " key (spring.ssl.bundle.pem." + properties.bundle() + ".keystore.certificate and"
                        + " .private-key, or .jks." + properties.bundle() + ".keystore.location)");
            }
            factory.setSsl(Ssl.forBundle(properties.bundle()));
            factory.setSslBundles(sslBundles);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
