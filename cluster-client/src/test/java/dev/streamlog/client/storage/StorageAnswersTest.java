package dev.streamlog.client.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.internal.AppendResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** How storage answers and transport failures map to results and error codes. */
class StorageAnswersTest {

    private static final String NODE = "http://127.0.0.1:9091";
    private final StorageAnswers answers = new StorageAnswers(JsonMapper.builder().build());

    private StorageResult<AppendResponse> answer(int status, String body) {
        HttpHeaders headers = HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (name, value) -> true);
        return answers.fromResponse(NODE, status, headers, body.getBytes(StandardCharsets.UTF_8),
                answers.json(AppendResponse.class));
    }

    private static ErrorCode code(StorageResult<?> result) {
        assertThat(result).isInstanceOf(StorageResult.Failed.class);
        return ((StorageResult.Failed<?>) result).code();
    }

    @Test
    void aLeaderThatDoesNotKnowThePartitionIsUnavailableForNow() {
        assertThat(answer(404, "{\"error_code\":40401,\"message\":\"unknown topic\"}"))
                .isInstanceOf(StorageResult.Unavailable.class);
        assertThat(answer(404, "{\"error_code\":40402,\"message\":\"unknown partition\"}"))
                .isInstanceOf(StorageResult.Unavailable.class);
    }

    @Test
    void whatTheNodeSaysLeftNothingDoneIsUnavailableAndWhatMayHaveWrittenIsNot() {
        assertThat(answer(503, "{\"error_code\":50311,\"message\":\"too few in-sync replicas\"}"))
                .isEqualTo(new StorageResult.Unavailable<>(ErrorCode.RETRIABLE,
                        "storage node " + NODE + ": too few in-sync replicas"));
        assertThat(answer(404, "{\"error_code\":40404,\"message\":\"no leader\"}"))
                .isEqualTo(new StorageResult.Unavailable<>(ErrorCode.LEADER_NOT_AVAILABLE, "no leader"));
        assertThat(code(answer(503, "{\"error_code\":50003,\"message\":\"acks=all timed out\"}")))
                .isEqualTo(ErrorCode.RETRIABLE);
    }

    @Test
    void okIsTheParsedBody() {
        assertThat(answer(200, "{\"base_offset\":42,\"leader_epoch\":3}"))
                .isEqualTo(new StorageResult.Ok<>(new AppendResponse(42, 3)));
    }

    @Test
    void anUnreadableOkBodyIsRetriable() {
        assertThat(code(answer(200, "{\"base_offset\":"))).isEqualTo(ErrorCode.RETRIABLE);
    }

    @Test
    void notLeaderCarriesTheHint() {
        assertThat(answer(421, "{\"error_code\":42101,\"message\":\"not leader\",\"leader_id\":3}"))
                .isEqualTo(new StorageResult.NotLeader<>(3, "not leader"));
        assertThat(answer(421, "")).isEqualTo(new StorageResult.NotLeader<>(null, "not the leader"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "416 | {\"error_code\":41601,\"message\":\"offset 9 is outside [0, 5]\"} | OFFSET_OUT_OF_RANGE",
        "413 | {\"error_code\":41301,\"message\":\"batch too large\"} | TOO_LARGE",
        "503 | {\"error_code\":50003,\"message\":\"not enough replicas after the append\"} | RETRIABLE",
        "400 | {\"error_code\":40001,\"message\":\"bad offset\"} | BAD_REQUEST",
        "500 | <html>oops</html> | RETRIABLE",
        "502 | '' | RETRIABLE",
        "404 | not json | NOT_FOUND",
        "400 | {\"error_code\":41601,\"message\":\"status and code disagree\"} | BAD_REQUEST"
    })
    void errorAnswersMapToTheirCodes(int status, String body, ErrorCode expected) {
        assertThat(code(answer(status, body))).isEqualTo(expected);
    }

    @Test
    void theNodesOwnMessagePassesThrough() {
        StorageResult<AppendResponse> result = answer(416, "{\"error_code\":41601,\"message\":\"valid: [0, 5]\"}");
        assertThat(((StorageResult.Failed<?>) result).message()).isEqualTo("valid: [0, 5]");
    }

    @Test
    void transportFailuresMapToNodeDownOrTimeout() {
        Duration timeout = Duration.ofSeconds(10);
        assertThat(StorageAnswers.fromFailure(NODE, new CompletionException(new ConnectException()), timeout))
                .isInstanceOf(StorageResult.Unavailable.class)
                .extracting(result -> ((StorageResult.Unavailable<?>) result).code()).isEqualTo(ErrorCode.NO_STORAGE_NODE);
        assertThat(StorageAnswers.fromFailure(NODE, new HttpConnectTimeoutException("slow"), timeout))
                .isInstanceOf(StorageResult.Unavailable.class)
                .extracting(result -> ((StorageResult.Unavailable<?>) result).code()).isEqualTo(ErrorCode.NO_STORAGE_NODE);
        assertThat(code(StorageAnswers.fromFailure(NODE, new IOException("connection reset"), timeout)))
                .isEqualTo(ErrorCode.NO_STORAGE_NODE);
        assertThat(code(StorageAnswers.fromFailure(NODE, new CompletionException(new HttpTimeoutException("t")),
                timeout))).isEqualTo(ErrorCode.RETRIABLE);
    }
}
