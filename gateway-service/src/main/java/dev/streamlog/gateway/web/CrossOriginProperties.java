package dev.streamlog.gateway.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which web pages on other origins may call the gateway from a browser, prefix {@code streamlog.gateway.cors}.
 * Immutable.
 *
 * @param allowedOrigins the origins ({@code https://app.example.com}, or {@code *} for any) whose pages may call the
 *                       API; empty (the default) allows none, so a browser keeps other origins' pages from reading
 *                       its answers
 */
@ConfigurationProperties("streamlog.gateway.cors")
public record CrossOriginProperties(@DefaultValue List<String> allowedOrigins) {

    public CrossOriginProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
}
