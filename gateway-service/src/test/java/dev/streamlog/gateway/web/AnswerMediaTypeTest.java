package dev.streamlog.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerMediaTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // path | Accept | error | answer
        "/topics | - | false | application/vnd.kafka.v2+json",
        "/topics | */* | false | application/vnd.kafka.v2+json",
        "/topics | application/json | false | application/json",
        "/topics | application/vnd.kafka.v2+json, application/json;q=0.5 | false | application/vnd.kafka.v2+json",
        "/topics | application/json;q=0.5, application/vnd.kafka.v2+json | false | application/vnd.kafka.v2+json",
        "/topics/t | application/vnd.kafka.binary.v2+json | false | application/vnd.kafka.v2+json",
        "/topics/t | application/vnd.kafka.binary.v2+json | true | application/vnd.kafka.binary.v2+json",
        "/topics/t | - | true | application/vnd.kafka.v2+json",
        "/topics/t | text/html | true | application/vnd.kafka.v2+json",
        "/topics/t | not a type | true | application/vnd.kafka.v2+json",
        "/v3/clusters | - | false | application/json",
        "/v3/clusters | application/vnd.kafka.v2+json | false | application/json",
        "/v3/clusters/c/topics | application/vnd.kafka.v2+json | true | application/vnd.kafka.v2+json",
        "/v3/clusters/c/topics/t/records | - | true | application/json"
    })
    void negotiatesTheTypeOfAJsonAnswer(String path, String accept, boolean error, String expected) {
        assertThat(AnswerMediaType.of(path, accept, error).toString()).isEqualTo(expected);
    }
}
