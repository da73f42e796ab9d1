package dev.streamlog.gateway.quota;

import dev.streamlog.gateway.config.GatewayProperties;
import dev.streamlog.support.runtime.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the quotas from {@link QuotaProperties}: the {@link Quotas}, the filter right after the body filter (so a
 * request is held with its body's length known, and after authentication, which names its caller), and the count of
 * live gateways read every {@value #REFRESH_SECONDS} seconds. Logs the defaults and how many users have overrides.
 * Stateless.
 */
@Configuration(proxyBeanMethods = false)
class QuotaConfiguration {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 4;
    static final int REFRESH_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(QuotaConfiguration.class);

    @Bean
    Quotas quotas(QuotaProperties properties, MeterRegistry meters) {
        LOG.info("event=quotas defaults={} users-with-overrides={}", properties.defaults(), properties.users().size());
        return new Quotas(properties, meters, System::nanoTime);
    }

    @Bean
    FilterRegistrationBean<QuotaFilter> quotaFilter(Quotas quotas, JsonMapper json) {
        FilterRegistrationBean<QuotaFilter> registration = new FilterRegistrationBean<>(new QuotaFilter(quotas, json));
        registration.setOrder(ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    PeriodicTask liveGateways(CuratorFramework curator, Quotas quotas, Environment environment,
                              GatewayProperties properties) {
        String registrations = environment.getProperty("spring.cloud.zookeeper.discovery.root", "/services") + "/"
                + environment.getProperty("spring.application.name", "gateway-service");
        LiveGateways live = new LiveGateways(curator, registrations, properties.coordinatorTimeout(), quotas);
        return new PeriodicTask("live-gateways", Duration.ofSeconds(REFRESH_SECONDS), live::refresh);
    }
}
