package dev.streamlog.gateway.web;

import dev.streamlog.gateway.config.GatewayProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request memory pool and the body filter, registered right after the request metrics (so what it refuses is
 * counted) and the authentication filter (so no body is read for a caller not known) for request and async
 * dispatches. Stateless.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyConfiguration {

    @Bean
    RequestMemory requestMemory(GatewayProperties properties) {
        return new RequestMemory(properties.requestMemoryBytes());
    }

    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(GatewayProperties properties, RequestMemory memory,
                                                                JsonMapper json,
                                                                ObjectProvider<StreamedBody> streamed) {
        FilterRegistrationBean<RequestBodyFilter> registration = new FilterRegistrationBean<>(new RequestBodyFilter(
                properties.maxRequestSize().toBytes(), properties.bodyReadTimeout(), memory, json,
                streamed.orderedStream().toList()));
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        registration.setAsyncSupported(true);
        return registration;
    }
}
