package dev.streamlog.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void everyCodeIsItsHttpStatusTimesAHundredPlusASubCodeOrTheBareStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.httpStatus()).isBetween(400, 599);
            int status = code == ErrorCode.RETRIABLE ? 500 : code.httpStatus();
            if (code.code() != status) {
                assertThat(code.code() - status * 100).as("%s", code).isBetween(1, 99);
            }
        }
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).distinct().count())
                .as("distinct but for Confluent's two meanings of 40403").isEqualTo(ErrorCode.values().length - 1);
        assertThat(ErrorCode.fromCode(40403)).contains(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND);
    }

    @Test
    void keepsConfluentsNumbers() {
        assertThat(ErrorCode.TOPIC_NOT_FOUND.code()).isEqualTo(40401);
        assertThat(ErrorCode.PARTITION_NOT_FOUND.code()).isEqualTo(40402);
        assertThat(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND.code()).isEqualTo(40403);
        assertThat(ErrorCode.TOO_LARGE.httpStatus()).isEqualTo(413);
        assertThat(ErrorCode.NO_STORAGE_NODE.code()).isEqualTo(50302);
        assertThat(ErrorCode.RETRIABLE.response("timeout")).isEqualTo(new ErrorResponse(50003, "timeout"));
        assertThat(ErrorCode.RETRIABLE.httpStatus()).isEqualTo(503);
    }

    @Test
    void bareStatusesMapToTheirGenericCode() {
        assertThat(ErrorCode.forHttpStatus(404)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(ErrorCode.NOT_FOUND.code()).as("Confluent's unknown route and cluster").isEqualTo(404);
        assertThat(ErrorCode.UNSUPPORTED_MEDIA_TYPE.code()).isEqualTo(415);
        assertThat(ErrorCode.forHttpStatus(415)).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(ErrorCode.forHttpStatus(503)).isEqualTo(ErrorCode.RETRIABLE);
        assertThat(ErrorCode.forHttpStatus(418)).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(ErrorCode.forHttpStatus(502)).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }
}
