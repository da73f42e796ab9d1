package dev.streamlog.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalPathFilterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/ | /",
        "/topics | /topics",
        "/topics/ | /topics",
        "/consumers/g/instances/i/offsets/ | /consumers/g/instances/i/offsets",
        "/consumers/g/instances/i/offsets// | /consumers/g/instances/i/offsets",
        "/kafka/v3/clusters/c/topics | /v3/clusters/c/topics",
        "/kafka/v3/clusters/c/topics/t/records/ | /v3/clusters/c/topics/t/records",
        "/kafka/topics | /kafka/topics",
        "/kafkav3/clusters | /kafkav3/clusters",
        "/v3/clusters | /v3/clusters"
    })
    void servesTheRouteAClientMeans(String path, String canonical) {
        assertThat(CanonicalPathFilter.canonical(path)).isEqualTo(canonical);
    }
}
