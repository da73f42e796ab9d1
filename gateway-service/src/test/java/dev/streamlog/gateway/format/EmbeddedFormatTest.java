package dev.streamlog.gateway.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

/** Choosing the embedded format from Content-Type and Accept. */
class EmbeddedFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application/vnd.kafka.binary.v2+json | BINARY",
        "application/vnd.kafka.json.v2+json | JSON",
        "application/vnd.kafka.text.v2+json | TEXT",
        "application/vnd.kafka.json.v2+json; charset=utf-8 | JSON",
        "APPLICATION/VND.KAFKA.BINARY.V2+JSON | BINARY",
        "application/json | BINARY",
        "application/json;charset=UTF-8 | BINARY",
        "application/vnd.kafka.v2+json | BINARY",
        "application/vnd.kafka+json | BINARY",
        "application/octet-stream | BINARY"
    })
    void produceBodiesNameTheirFormatInTheContentType(String contentType, EmbeddedFormat expected) {
        assertThat(EmbeddedFormat.forContentType(contentType)).contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"text/plain", "application/vnd.kafka.avro.v2+json", "*/*", "not a media type",
        "application/x-www-form-urlencoded"})
    void otherContentTypesAreNotFormats(String contentType) {
        assertThat(EmbeddedFormat.forContentType(contentType)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application/vnd.kafka.binary.v2+json | BINARY | application/vnd.kafka.binary.v2+json",
        "application/vnd.kafka.json.v2+json | JSON | application/vnd.kafka.json.v2+json",
        "application/vnd.kafka.text.v2+json | TEXT | application/vnd.kafka.text.v2+json",
        "application/json | JSON | application/json",
        "*/* | BINARY | application/vnd.kafka.binary.v2+json",
        "application/* | BINARY | application/vnd.kafka.binary.v2+json",
        "text/html, application/vnd.kafka.text.v2+json | TEXT | application/vnd.kafka.text.v2+json",
        "application/vnd.kafka.binary.v2+json;q=0.5, application/vnd.kafka.json.v2+json | JSON | application/vnd.kafka.json.v2+json",
        "application/vnd.kafka.json.v2+json;q=0, */*;q=0.1 | BINARY | application/vnd.kafka.binary.v2+json"
    })
    void readsAnswerInTheBestAcceptedFormat(String accept, EmbeddedFormat format, String answerType) {
        assertThat(EmbeddedFormat.forAccept(accept)).hasValueSatisfying(accepted -> {
            assertThat(accepted.format()).isEqualTo(format);
            assertThat(accepted.answerType()).isEqualTo(MediaType.parseMediaType(answerType));
        });
    }

    @Test
    void noAcceptMeansBinary() {
        assertThat(EmbeddedFormat.forAccept(null).orElseThrow().format()).isEqualTo(EmbeddedFormat.BINARY);
        assertThat(EmbeddedFormat.forAccept(" ").orElseThrow().format()).isEqualTo(EmbeddedFormat.BINARY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xml", "application/vnd.kafka.avro.v2+json",
        "application/vnd.kafka.json.v2+json;q=0", "garbage/", "text/*"})
    void acceptWithoutAFormatIsRefused(String accept) {
        assertThat(EmbeddedFormat.forAccept(accept)).isEmpty();
    }
}
