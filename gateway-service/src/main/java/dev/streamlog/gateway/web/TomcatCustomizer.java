package dev.streamlog.gateway.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Hardens the embedded Tomcat against hostile paths and keeps its own rejections in our error format: an encoded
 * slash ({@code %2F}) or backslash ({@code %5C}) and suspicious URIs ({@code %2e%2e}, {@code /..;/}, dot segments
 * with parameters) are refused with 400 before any servlet runs, and {@link dev.streamlog.support.web.JsonErrorPages} writes those
 * refusals as {@code {"error_code":40001,…}}. (Topic names are still checked with
 * {@link dev.streamlog.model.TopicNames} after decoding, so a name is never trusted as a path.) Stateless.
 */
@Component
class TomcatCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling("reject");
            connector.setEncodedReverseSolidusHandling("reject");
            connector.setRejectSuspiciousURIs(true);
        });
    }
}
