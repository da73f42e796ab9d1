package dev.streamlog.gateway.web;

import dev.streamlog.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Sets Spring MVC's timeout for asynchronous requests (produce, fetch and admin calls return futures) from
 * {@link GatewayProperties#asyncRequestTimeout()}, above the servlet container's 30 s default so a long poll is
 * never cut short and our own per-call timeouts always answer first. Stateless.
 */
@Configuration(proxyBeanMethods = false)
class AsyncTimeoutConfiguration implements WebMvcConfigurer {

    private final GatewayProperties properties;

    AsyncTimeoutConfiguration(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setDefaultTimeout(properties.asyncRequestTimeout().toMillis());
    }
}
