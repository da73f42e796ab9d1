package dev.streamlog.support.security;

import dev.streamlog.client.security.ClusterTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ClusterTls} a service calls the others with, from {@link ClusterTlsProperties}: plain HTTP when no
 * bundle is named, else TLS with the named SSL bundle, checking peers' host names unless told not to. A bundle
 * without a trust store is refused at start-up: the service would otherwise trust every public CA the JVM knows, not
 * the cluster's. Stateless.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterTlsProperties.class)
public class ClusterTlsConfiguration {

    @Bean
    ClusterTls clusterTls(ClusterTlsProperties properties, ObjectProvider<SslBundles> bundles) {
        return properties.enabled() ? tls(properties, bundles.getObject()) : ClusterTls.PLAIN;
    }

    /** TLS with the bundle {@code properties} name (TLS must be on). */
    static ClusterTls tls(ClusterTlsProperties properties, SslBundles bundles) {
        SslBundle bundle = bundle(properties, bundles);
        if (properties.verifyHostname()) {
            return ClusterTls.using(bundle.createSslContext());
        }
        return ClusterTls.withoutHostnameCheck(bundle.getManagers().getKeyManagers(),
                bundle.getManagers().getTrustManagers());
    }

    /** The bundle {@code properties} name, checked to hold the cluster's CA. */
    static SslBundle bundle(ClusterTlsProperties properties, SslBundles bundles) {
        SslBundle bundle;
        try {
            bundle = bundles.getBundle(properties.bundle());
        } catch (NoSuchSslBundleException e) {
            throw new IllegalStateException("streamlog.cluster.tls.bundle names the SSL bundle '"
                    + properties.bundle() + "', which is not configured (spring.ssl.bundle.pem."
                    + properties.bundle() + ".* or spring.ssl.bundle.jks." + properties.bundle() + ".*)", e);
        }
        if (bundle.getStores().getTrustStore() == null) {
            throw new IllegalStateException("the SSL bundle '" + properties.bundle() + "' of"
                    + " streamlog.cluster.tls.bundle has no trust store: give it the cluster's CA certificate"
                    + " (spring.ssl.bundle.pem." + properties.bundle() + ".truststore.certificate, or"
                    + " .jks." + properties.bundle() + ".truststore.location)");
        }
        return bundle;
    }
}
