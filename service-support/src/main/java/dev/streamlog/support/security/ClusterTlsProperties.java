package dev.streamlog.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS between the services of a cluster, prefix {@code streamlog.cluster.tls}. Immutable.
 *
 * @param bundle         the Spring SSL bundle ({@code spring.ssl.bundle.pem.<name>.*} or {@code .jks.<name>.*}) whose
 *                       trust store holds the cluster's CA and whose key store holds this service's certificate
 *                       (a service that only calls, as a gateway, needs no key store); unset (the default) for plain
 *                       HTTP between the services. Every service of a cluster sets it, or none does.
 * @param verifyHostname whether a peer's certificate must name the host it was called on (default true); false takes
 *                       any certificate the bundle's CA issued, for a CA that issues to this cluster's members alone
 */
@ConfigurationProperties("streamlog.cluster.tls")
public record ClusterTlsProperties(String bundle, @DefaultValue("true") boolean verifyHostname) {

    /** Whether TLS between the services is on. */
    public boolean enabled() {
        return bundle != null && !bundle.isBlank();
    }
}
