package dev.streamlog.gateway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.RequestMemory;
import dev.streamlog.model.ErrorCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading produce bodies: each format's conversion to bytes, exact JSON numbers, and the 400/422/413 cases. */
class ProduceBodyReaderTest {

    private static List<EncodedRecord> read(String body, EmbeddedFormat format) {
        return ProduceBodyReader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), format,
                50_000, new RequestMemory(1L << 30).reserve());
    }

    private static String records(int count, String record) {
        return "{\"records\":[" + String.join(",", java.util.Collections.nCopies(count, record)) + "]}";
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void binaryKeysAndValuesAreBase64() {
        List<EncodedRecord> records = read("{\"records\":[{\"key\":\"Zm9vYmFy\",\"value\":\"AAH/\"},{\"value\":null}]}",
                EmbeddedFormat.BINARY);

        assertThat(utf8(records.get(0).key())).isEqualTo("foobar");
        assertThat(records.get(0).value()).containsExactly(0, 1, 0xff);
        assertThat(records.get(1).key()).isNull();
        assertThat(records.get(1).value()).isNull();
    }

    @Test
    void jsonValuesAreStoredAsTheirJsonTextWithNumbersExact() {
        List<EncodedRecord> records = read("{\"records\":[{\"key\":\"k\",\"value\":{\"price\": 1.50, \"big\":"
                + " 123456789012345678901234567890, \"tiny\": 1e-400, \"list\": [true, null, \"é\"]}},"
                + "{\"key\":{\"id\":7},\"value\":42}, {\"value\":null}]}", EmbeddedFormat.JSON);

        assertThat(utf8(records.get(0).key())).isEqualTo("\"k\"");
        assertThat(utf8(records.get(0).value())).isEqualTo("{\"price\":1.50,\"big\":123456789012345678901234567890,"
                + "\"tiny\":1E-400,\"list\":[true,null,\"é\"]}");
        assertThat(utf8(records.get(1).key())).isEqualTo("{\"id\":7}");
        assertThat(utf8(records.get(1).value())).isEqualTo("42");
        assertThat(records.get(2).value()).as("JSON null is a null value, not the text null").isNull();
    }

    @Test
    void textKeysAndValuesAreUtf8Strings() {
        List<EncodedRecord> records = read("{\"records\":[{\"key\":\"clé\",\"value\":\"naïve ☃\"}]}",
                EmbeddedFormat.TEXT);

        assertThat(records.get(0).key()).isEqualTo("clé".getBytes(StandardCharsets.UTF_8));
        assertThat(utf8(records.get(0).value())).isEqualTo("naïve ☃");
    }

    @Test
    void headersPartitionAndTimestampAreRead() {
        EncodedRecord record = read("{\"records\":[{\"value\":\"v\",\"partition\":3,\"timestamp\":1700000000123,"
                + "\"headers\":[{\"key\":\"trace\",\"value\":\"AQI=\"},{\"key\":\"empty\",\"value\":null}]}]}",
                EmbeddedFormat.TEXT).get(0);

        assertThat(record.partition()).isEqualTo(3);
        assertThat(record.timestamp()).isEqualTo(1_700_000_000_123L);
        assertThat(record.headers()).hasSize(2);
        assertThat(record.headers().get(0).key()).isEqualTo("trace");
        assertThat(record.headers().get(0).value()).containsExactly(1, 2);
        assertThat(record.headers().get(1).value()).isNull();
        assertThat(record.size()).isEqualTo(1 + "trace".length() + 2 + "empty".length());
    }

    @Test
    void recordsWithoutOptionalFieldsHaveNoPartitionTimestampOrHeaders() {
        EncodedRecord record = read("{\"records\":[{\"value\":\"v\"}]}", EmbeddedFormat.TEXT).get(0);

        assertThat(record.partition()).isNull();
        assertThat(record.timestamp()).isNull();
        assertThat(record.headers()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"records\":[", "not json", "{\"records\":[]}}", "{\"records\":[{\"value\":\"a\"}]} x",
        "{\"records\":[5, x", "{\"record\":[{\"value\":{\"a\":1}}]} {}", "[1] [2]", "{\"records\":[{\"value\":\"a\"}]} {}"})
    void bodiesThatAreNotJsonAreBadRequests(String body) {
        assertThatThrownBy(() -> read(body, EmbeddedFormat.TEXT))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void anEmptyBodyIsUnprocessableAsConfluentAnswersIt() {
        assertThatThrownBy(() -> read("", EmbeddedFormat.BINARY)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNPROCESSABLE_ENTITY));
    }

    @Test
    void aFieldGivenTwiceCountsWithItsLastValue() {
        List<EncodedRecord> records = read("{\"records\":[{\"value\":\"x\"}],\"records\":[{\"value\":\"a\","
                + "\"value\":\"b\",\"partition\":1,\"partition\":null}]}", EmbeddedFormat.TEXT);
        assertThat(records).hasSize(1);
        assertThat(utf8(records.get(0).value())).isEqualTo("b");
        assertThat(records.get(0).partition()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[] | BINARY",
        "{\"records\":[]} | BINARY",
        "{\"records\":{}} | BINARY",
        "{\"record\":[{\"value\":\"a\"}]} | TEXT",
        "{\"records\":[5]} | TEXT",
        "{\"records\":[{\"value\":\"a\",\"values\":1}]} | TEXT",
        "{\"records\":[{\"value\":\"not base64!\"}]} | BINARY",
        "{\"records\":[{\"value\":7}]} | BINARY",
        "{\"records\":[{\"value\":{\"a\":1}}]} | TEXT",
        "{\"records\":[{\"key\":true,\"value\":\"a\"}]} | TEXT",
        "{\"records\":[{\"value\":\"a\",\"partition\":\"1\"}]} | TEXT",
        "{\"records\":[{\"value\":\"a\",\"partition\":1.5}]} | TEXT",
        "{\"records\":[{\"value\":\"a\",\"partition\":99999999999}]} | TEXT",
        "{\"records\":[{\"value\":\"a\",\"timestamp\":-1}]} | TEXT",
        "{\"records\":[{\"value\":\"a\",\"timestamp\":\"now\"}]} | TEXT",
        "{\"records\":[{\"value\":\"a\",\"headers\":{\"k\":\"v\"}}]} | TEXT",
        "{\"records\":[{\"value\":\"a\",\"headers\":[{\"key\":1,\"value\":null}]}]} | TEXT",
        "{\"records\":[{\"value\":\"a\",\"headers\":[{\"key\":\"k\",\"value\":\"%%%\"}]}]} | TEXT",
        "{\"records\":[{\"value\":\"a\",\"headers\":[{\"key\":\"k\",\"value\":\"AQI=\",\"x\":1}]}]} | TEXT"
    })
    void jsonOfTheWrongShapeIsUnprocessable(String body, EmbeddedFormat format) {
        assertThatThrownBy(() -> read(body, format))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNPROCESSABLE_ENTITY));
    }

    @Test
    void theErrorNamesTheFieldAtFault() {
        assertThatThrownBy(() -> read("{\"records\":[{\"value\":\"YQ==\"},{\"value\":\"@@\"}]}", EmbeddedFormat.BINARY))
                .hasMessageContaining("records[1].value").hasMessageContaining("base64");
    }

    @Test
    void moreRecordsThanAllowedAreTooLargeNamingTheLimit() {
        String body = records(11, "{}");

        assertThatThrownBy(() -> ProduceBodyReader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                EmbeddedFormat.JSON, 10, new RequestMemory(1L << 30).reserve()))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_LARGE))
                .hasMessageContaining("more than 10 records").hasMessageContaining("max-records-per-request");
        assertThat(ProduceBodyReader.read(new ByteArrayInputStream(records(10, "{}").getBytes(StandardCharsets.UTF_8)),
                EmbeddedFormat.JSON, 10, new RequestMemory(1L << 30).reserve())).hasSize(10);
    }

    @Test
    void recordsAndHeadersAreChargedToTheRequestMemoryAndRefusedWhenItRunsOut() {
        long chunk = 1024 * ProduceBodyReader.BYTES_PER_ITEM;
        RequestMemory memory = new RequestMemory(8 * chunk);
        RequestMemory.Reservation others = memory.reserve();
        others.take(6 * chunk);
        String body = records(2000, "{\"headers\":[{\"key\":\"h\"}]}");

        RequestMemory.Reservation busy = memory.reserve();
        assertThatThrownBy(() -> ProduceBodyReader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                EmbeddedFormat.JSON, 50_000, busy))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS));
        busy.release();
        others.release();
        assertThat(memory.used()).isZero();

        RequestMemory small = new RequestMemory(2 * chunk);
        assertThatThrownBy(() -> ProduceBodyReader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                EmbeddedFormat.JSON, 50_000, small.reserve()))
                .as("more than the whole pool can ever give")
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_LARGE));
    }

    @Test
    void aValueNestedDeeperThanTheLimitIsTooLarge() {
        String deep = "[".repeat(70) + "]".repeat(70);

        assertThatThrownBy(() -> read("{\"records\":[{\"value\":" + deep + "}]}", EmbeddedFormat.JSON))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_LARGE));
        assertThat(utf8(read("{\"records\":[{\"value\":" + "[".repeat(60) + "]".repeat(60) + "}]}",
                EmbeddedFormat.JSON).get(0).value())).hasSize(120);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e2147483648", "1e-2147483649", "-1E+9999999999"})
    void aNumberTooLargeToRepresentIsUnprocessable(String number) {
        assertThatThrownBy(() -> read("{\"records\":[{\"value\":" + number + "}]}", EmbeddedFormat.JSON))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errorCode()).isIn(
                        ErrorCode.UNPROCESSABLE_ENTITY, ErrorCode.BAD_REQUEST))
                .hasMessageContaining("records[0].value");
    }
}
