package dev.streamlog.gateway.auth;

import dev.streamlog.support.runtime.PeriodicTask;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the public API's authentication from {@link AuthenticationProperties}: the authenticators of the methods
 * taken, the filter (right after the request metrics and security headers, before the body filter, so a refused
 * request is counted and its body never read), and the re-reading of the Basic credentials file every
 * {@value #RELOAD_SECONDS} seconds. Logs at start which methods are taken, or that authentication is off. Stateless.
 */
@Configuration(proxyBeanMethods = false)
class AuthenticationConfiguration {

    /** The filter's place: after the metrics and header filters (+1), before the body filter (+3). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;
    static final int RELOAD_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationConfiguration.class);

    @Bean
    VerifiedCredentials verifiedCredentials(AuthenticationProperties properties) {
        return new VerifiedCredentials(properties.cacheTtl(), Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<PublicAuthenticationFilter> publicAuthenticationFilter(
            AuthenticationProperties properties, VerifiedCredentials verified, JsonMapper json,
            Environment environment, ObjectProvider<SslBundles> sslBundles) throws IOException {
        if (properties.methods().contains(AuthenticationProperties.Method.BASIC)
                && properties.basic().generateUser() != null) {
            Path generated = GeneratedCredentials.createIfMissing(properties.basic().credentialsFile(),
                    properties.basic().generateUser());
            if (generated != null) {
                LOG.info("event=basic-credentials-generated user={} password-file={}",
                        properties.basic().generateUser(), generated);
            }
        }
        BasicAuthenticator basic = properties.methods().contains(AuthenticationProperties.Method.BASIC)
                ? new BasicAuthenticator(properties.basic().credentialsFile(),
                properties.basic().maxConcurrentChecks(), verified) : null;
        BearerAuthenticator bearer = properties.methods().contains(AuthenticationProperties.Method.BEARER)
                ? new BearerAuthenticator(BearerDecoders.from(properties.bearer()),
                properties.bearer().principalClaim(), verified) : null;
        CertificateAuthenticator certificate = null;
        if (properties.methods().contains(AuthenticationProperties.Method.MTLS)) {
            String clientAuth = environment.getProperty("server.ssl.client-auth", "none");
            if (!clientAuth.equalsIgnoreCase("want") && !clientAuth.equalsIgnoreCase("need")) {
                throw new IllegalStateException("streamlog.gateway.auth.methods has mtls: set server.ssl.client-auth"
                        + " to want (or need) and give the public listener a trust store for client certificates"
                        + " (server.ssl.bundle); it is " + clientAuth);
            }
            requireTrustStore(environment, sslBundles);
            certificate = new CertificateAuthenticator(properties.mtls().principal());
        }
        LOG.info("event=public-authentication methods={}", properties.required() ? properties.methods() : "off");
        FilterRegistrationBean<PublicAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new PublicAuthenticationFilter(basic, bearer, certificate, json));
        registration.setOrder(ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Refuses to start mTLS on a listener without a trust store of its own, which would take any certificate the
     * JVM's public CAs issued.
     */
    private static void requireTrustStore(Environment environment, ObjectProvider<SslBundles> sslBundles) {
        String bundle = environment.getProperty("server.ssl.bundle");
        boolean trusted = bundle != null
                ? sslBundles.getObject().getBundle(bundle).getStores().getTrustStore() != null
                : environment.getProperty("server.ssl.trust-store") != null
                        || environment.getProperty("server.ssl.trust-certificate") != null;
        if (!trusted) {
            throw new IllegalStateException("streamlog.gateway.auth.methods has mtls: the public listener's SSL"
                    + " bundle needs a trust store with the CAs of client certificates (else any certificate a"
                    + " public CA issued would name a caller)");
        }
    }

    @Bean
    PeriodicTask basicCredentialsReload(FilterRegistrationBean<PublicAuthenticationFilter> registration) {
        return new PeriodicTask("basic-credentials-reload", Duration.ofSeconds(RELOAD_SECONDS),
                registration.getFilter()::reloadCredentials);
    }
}
