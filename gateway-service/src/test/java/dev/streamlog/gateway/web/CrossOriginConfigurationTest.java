package dev.streamlog.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;

/** The gateway's cross-origin mappings with and without configured origins. */
class CrossOriginConfigurationTest {

    @Test
    void noOriginIsAllowedAcrossUnlessConfigured() {
        assertThat(mappings(new CrossOriginProperties(List.of()))).isEmpty();

        Map<String, CorsConfiguration> configured = mappings(new CrossOriginProperties(List.of("https://app.example")));
        assertThat(configured).containsOnlyKeys("/**");
        assertThat(configured.get("/**").getAllowedOrigins()).containsExactly("https://app.example");
        assertThat(configured.get("/**").getAllowCredentials()).isNull();
    }

    private static Map<String, CorsConfiguration> mappings(CrossOriginProperties properties) {
        Registry registry = new Registry();
        new CrossOriginConfiguration(properties).addCorsMappings(registry);
        return registry.mappings();
    }

    /** Exposes what the configuration registered. */
    private static final class Registry extends CorsRegistry {
        Map<String, CorsConfiguration> mappings() {
            return getCorsConfigurations();
        }
    }
}
