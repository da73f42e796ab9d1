package dev.streamlog.gateway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.gateway.web.RequestMemory;
import dev.streamlog.model.ErrorCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading v3 produce bodies: types, field order, timestamps, headers, and each record refused on its own. */
class RecordStreamReaderTest {

    private static List<StreamedRecord> read(String body) {
        return read(body, StandardCharsets.UTF_8, 50_000);
    }

    private static List<StreamedRecord> read(String body, Charset charset, int maxRecords) {
        return RecordStreamReader.read(new ByteArrayInputStream(body.getBytes(charset)), charset, maxRecords, 0,
                new RequestMemory(1L << 30).reserve());
    }

    private static StreamedRecord.Written written(StreamedRecord record) {
        assertThat(record).isInstanceOf(StreamedRecord.Written.class);
        return (StreamedRecord.Written) record;
    }

    private static String refusal(StreamedRecord record) {
        assertThat(record).isInstanceOf(StreamedRecord.Refused.class);
        assertThat(((StreamedRecord.Refused) record).errorCode()).isEqualTo(400);
        return ((StreamedRecord.Refused) record).message();
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void eachTypeBecomesItsBytes() {
        List<StreamedRecord> records = read("{\"key\":{\"type\":\"BINARY\",\"data\":\"Zm9v\"},"
                + "\"value\":{\"type\":\"STRING\",\"data\":\"naïve\"}}"
                + "{\"key\":{\"type\":\"JSON\",\"data\":{\"id\": 1.50}},\"value\":{\"type\":\"JSON\",\"data\":[1,2]}}");

        StreamedRecord.Written first = written(records.get(0));
        assertThat(utf8(first.record().key())).isEqualTo("foo");
        assertThat(utf8(first.record().value())).isEqualTo("naïve");
        assertThat(first.keyType()).isEqualTo("BINARY");
        assertThat(first.valueType()).isEqualTo("STRING");
        StreamedRecord.Written second = written(records.get(1));
        assertThat(utf8(second.record().key())).isEqualTo("{\"id\":1.50}");
        assertThat(utf8(second.record().value())).isEqualTo("[1,2]");
    }

    @Test
    void dataBeforeTypeAndAMissingTypeWhichIsBinary() {
        StreamedRecord.Written record = written(read("{\"value\":{\"data\":\"bar\",\"type\":\"STRING\"},"
                + "\"key\":{\"data\":\"Zm9v\"}}").get(0));

        assertThat(utf8(record.record().value())).isEqualTo("bar");
        assertThat(utf8(record.record().key())).isEqualTo("foo");
        assertThat(record.keyType()).isEqualTo("BINARY");
    }

    @Test
    void nothingAndNullDataAreNullKeysAndValues() {
        StreamedRecord.Written empty = written(read("{}").get(0));
        assertThat(empty.record().key()).isNull();
        assertThat(empty.record().value()).isNull();
        assertThat(empty.keyType()).isNull();
        StreamedRecord.Written nulls = written(read("{\"key\":{\"type\":\"BINARY\",\"data\":null},"
                + "\"value\":{\"type\":\"STRING\"}}").get(0));
        assertThat(nulls.record().key()).isNull();
        assertThat(nulls.record().value()).isNull();
        assertThat(nulls.keyType()).isEqualTo("BINARY");
        StreamedRecord.Written emptyString = written(read("{\"value\":{\"type\":\"STRING\",\"data\":\"\"}}").get(0));
        assertThat(emptyString.record().value()).isEmpty();
    }

    @Test
    void partitionTimestampsAndHeaders() {
        List<StreamedRecord> records = read("{\"partition_id\":2,\"timestamp\":\"2026-12-06T10:00:00.123+01:00\","
                + "\"headers\":[{\"name\":\"h\",\"value\":\"dg==\"},{\"name\":\"h\",\"value\":null}]}\n"
                + "{\"timestamp\":1000}");

        EncodedRecord first = written(records.get(0)).record();
        assertThat(first.partition()).isEqualTo(2);
        assertThat(first.timestamp()).isEqualTo(1_796_547_600_123L);
        assertThat(first.headers()).hasSize(2);
        assertThat(utf8(first.headers().get(0).value())).isEqualTo("v");
        assertThat(first.headers().get(1).value()).isNull();
        assertThat(written(records.get(1)).record().timestamp()).isEqualTo(1000L);
    }

    @Test
    void aWrongRecordIsRefusedAloneAndTheNextIsRead() {
        List<StreamedRecord> records = read("{\"key\":{\"type\":\"BINARY\",\"data\":1},\"value\":{\"type\":\"BINARY\","
                + "\"data\":\"fooba\"}}"
                + "{\"records\":{\"subject\":\"foobar\"}}"
                + "{\"value\":{\"type\":\"AVRO\",\"data\":{}}}"
                + "{\"value\":{\"schema_id\":3,\"data\":{}}}"
                + "{\"timestamp\":\"yesterday\"}"
                + "{\"headers\":[{\"value\":\"dg==\"}]}"
                + "[1,2]"
                + "{\"value\":{\"type\":\"STRING\",\"data\":\"ok\"}}");

        assertThat(records).hasSize(8);
        assertThat(refusal(records.get(0))).contains("record 0.key.data must be a base64 string");
        assertThat(refusal(records.get(1))).contains("unknown field 'records'");
        assertThat(refusal(records.get(2))).contains("AVRO needs a schema registry");
        assertThat(refusal(records.get(3))).contains("schema_id names a schema");
        assertThat(refusal(records.get(4))).contains("record 4.timestamp 'yesterday' is not an ISO-8601");
        assertThat(refusal(records.get(5))).contains("record 5.headers[0].name is required");
        assertThat(refusal(records.get(6))).contains("record 6 must be a JSON object");
        assertThat(utf8(written(records.get(7)).record().value())).isEqualTo("ok");
        records.forEach(record -> {
            if (record instanceof StreamedRecord.Refused refused) {
                assertThat(refused.message()).doesNotContain("dev.streamlog", "java.");
            }
        });
    }

    @Test
    void aBodyThatStopsBeingJsonEndsTheStreamWithOneRefusal() {
        List<StreamedRecord> records = read("{\"value\":{\"type\":\"STRING\",\"data\":\"a\"}} {\"value\": nope");

        assertThat(records).hasSize(2);
        written(records.get(0));
        assertThat(refusal(records.get(1))).contains("not valid JSON from record 1");
    }

    @Test
    void aCharsetOtherThanUtf8IsDecoded() {
        StreamedRecord.Written record = written(read("{\"value\":{\"type\":\"STRING\",\"data\":\"café\"}}",
                StandardCharsets.ISO_8859_1, 10).get(0));

        assertThat(utf8(record.record().value())).isEqualTo("café");
    }

    @Test
    void wholeRequestErrors() {
        assertThatThrownBy(() -> read("  ")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> read(String.join("", Collections.nCopies(3, "{}")), StandardCharsets.UTF_8, 2))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_LARGE));
        assertThatThrownBy(() -> read("{\"value\":{\"type\":\"JSON\",\"data\":" + "[".repeat(100) + "]".repeat(100)
                + "}}")).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_LARGE));
    }
}
