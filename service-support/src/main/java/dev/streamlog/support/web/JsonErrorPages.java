package dev.streamlog.support.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every error a service answers, even one no handler saw, in the API's {@code {"error_code","message"}} form: the
 * {@code /error} page ({@link JsonErrorController}, in place of Spring Boot's whitelabel page) and Tomcat's own
 * error report ({@link JsonErrorReportValve}) for requests it refuses before any servlet runs. A service takes it
 * with {@code @Import(JsonErrorPages.class)}. Stateless.
 */
@Configuration(proxyBeanMethods = false)
public class JsonErrorPages {

    @Bean
    JsonErrorController jsonErrorController() {
        return new JsonErrorController();
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }
}
