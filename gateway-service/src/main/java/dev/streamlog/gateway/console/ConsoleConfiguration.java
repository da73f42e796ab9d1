package dev.streamlog.gateway.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the web console: {@code /ui/**} from {@code classpath:/ui/}, and {@code /ui} and {@code /ui/} redirect to
 * {@code /ui/index.html}. Every other path stays an API path (the gateway has no other static content, so an
 * unknown path is a 404/404 JSON error, not a page). Stateless.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/ui/**").addResourceLocations("classpath:/ui/");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/ui", "/ui/index.html");
        registry.addRedirectViewController("/ui/", "/ui/index.html");
    }
}
