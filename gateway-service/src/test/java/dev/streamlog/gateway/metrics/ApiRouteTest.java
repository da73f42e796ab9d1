package dev.streamlog.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which {@code api} tag each public route gets. */
class ApiRouteTest {

    @ParameterizedTest
    @CsvSource({
        "POST, /topics/orders, PRODUCE",
        "POST, /topics/orders/partitions/3, PRODUCE",
        "POST, /v3/clusters/c1/topics/orders/records, PRODUCE",
        "POST, /v3/clusters/c1/topics/orders/records:batch, PRODUCE",
        "GET, /v3/clusters/c1/topics/orders, ADMIN",
        "GET, /topics/orders/partitions/3/records, FETCH",
        "GET, /consumers/g/instances/c1/records, CONSUME",
        "POST, /consumers/g/instances/c1/offsets, CONSUMER",
        "POST, /consumers/g, CONSUMER",
        "GET, /topics, METADATA",
        "GET, /topics/orders, METADATA",
        "GET, /topics/orders/partitions/3/offsets, METADATA",
        "POST, /topics/orders/partitions/3/records, METADATA",
        "GET, /brokers, METADATA",
        "GET, /v3/clusters, ADMIN",
        "GET, /ui, CONSOLE",
        "GET, /ui/console.js, CONSOLE",
        "GET, /uix, OTHER",
        "GET, /, OTHER"
    })
    void routesAreTaggedByWhatTheyDo(String method, String path, ApiRoute expected) {
        assertThat(ApiRoute.of(method, path)).isEqualTo(expected);
        assertThat(expected.tag()).isEqualTo(expected.name().toLowerCase(Locale.ROOT));
    }
}
