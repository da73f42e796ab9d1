package dev.streamlog.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.client.security.ClusterTls;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class ControllerConfigurationTest {

    @Test
    void theAdvertisedUrlSpeaksTheClustersScheme() throws Exception {
        ClusterTls tls = ClusterTls.using(SSLContext.getDefault());
        assertThat(ControllerConfiguration.advertisedUrl(properties("http://c1:9191"), ClusterTls.PLAIN))
                .isEqualTo("http://c1:9191");
        assertThat(ControllerConfiguration.advertisedUrl(properties("https://c1:9191/"), tls))
                .isEqualTo("https://c1:9191");
        assertThatThrownBy(() -> ControllerConfiguration.advertisedUrl(properties("http://c1:9191"), tls))
                .hasMessageContaining("streamlog.controller.advertised-url is http://c1:9191")
                .hasMessageContaining("advertise https://host:port");
        assertThatThrownBy(() -> ControllerConfiguration.advertisedUrl(properties("https://c1:9191"),
                ClusterTls.PLAIN)).hasMessageContaining("advertise http://host:port");
    }

    private static ControllerProperties properties(String advertisedUrl) {
        return new ControllerProperties(advertisedUrl, 1, 0, 10, Duration.ofSeconds(1), true, Duration.ofSeconds(1),
                Duration.ofSeconds(1));
    }
}
