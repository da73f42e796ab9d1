package dev.streamlog.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void everyCodeIsItsHttpStatusTimesAHundredPlusASubCode() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.httpStatus()).isBetween(400, 599);
            assertThat(code.code() - code.httpStatus() * 100).isBetween(1, 99);
        }
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).distinct().count())
                .isEqualTo(ErrorCode.values().length);
    }

    @Test
    void keepsConfluentsNumbers() {
        assertThat(ErrorCode.TOPIC_NOT_FOUND.code()).isEqualTo(40401);
        assertThat(ErrorCode.PARTITION_NOT_FOUND.code()).isEqualTo(40402);
        assertThat(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND.code()).isEqualTo(40403);
        assertThat(ErrorCode.TOO_LARGE.httpStatus()).isEqualTo(413);
        assertThat(ErrorCode.NO_STORAGE_NODE.code()).isEqualTo(50302);
        assertThat(ErrorCode.RETRIABLE.response("timeout")).isEqualTo(new ErrorResponse(50003, "timeout"));
    }
}
