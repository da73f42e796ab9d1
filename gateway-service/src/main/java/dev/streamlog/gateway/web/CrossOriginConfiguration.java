package dev.streamlog.gateway.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Cross-origin requests (CORS) to every route, for the origins {@link CrossOriginProperties} names and no other:
 * the API's methods, any request header, answers cached by the browser for an hour, no cookies or credentials
 * (the gateway has no cookies). With no origins configured, the default, no route answers a preflight or adds
 * {@code Access-Control-Allow-Origin}. Stateless.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CrossOriginProperties.class)
class CrossOriginConfiguration implements WebMvcConfigurer {

    private final CrossOriginProperties properties;

    CrossOriginConfiguration(CrossOriginProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (properties.allowedOrigins().isEmpty()) {
            return;
        }
        registry.addMapping("/**")
                .allowedOrigins(properties.allowedOrigins().toArray(String[]::new))
                .allowedMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                .allowedHeaders("*")
                .maxAge(3600);
    }
}
