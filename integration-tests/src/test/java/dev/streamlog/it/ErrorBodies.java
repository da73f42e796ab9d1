package dev.streamlog.it;

import dev.streamlog.it.kit.Http;
import dev.streamlog.it.kit.HttpResult;
import dev.streamlog.it.kit.RawHttp.RawResponse;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;

/**
 * Checks that an answer is the error the API promises: the expected status, and a JSON body
 * {@code {"error_code": N, "message": "..."}} whose code belongs to that status.
 *
 * <p>Stateless; thread-safe.
 */
final class ErrorBodies {

    private ErrorBodies() {
    }

    /** Asserts status and error code of {@code answer}, adding every failure to {@code softly}. */
    static void expectError(SoftAssertions softly, HttpResult answer, int status, int errorCode) {
        expectError(softly, answer.toString(), answer.status(), answer.body(), status, errorCode);
    }

    static void expectError(SoftAssertions softly, String request, RawResponse answer, int status, int errorCode) {
        expectError(softly, request + " -> " + answer, answer.status(), answer.body(), status, errorCode);
    }

    /** Asserts status and error code of {@code answer}; fails at once. */
    static void assertError(HttpResult answer, int status, int errorCode) {
        SoftAssertions softly = new SoftAssertions();
        expectError(softly, answer, status, errorCode);
        softly.assertAll();
    }

    private static void expectError(SoftAssertions softly, String described, int actualStatus, String body,
                                    int status, int errorCode) {
        softly.assertThat(actualStatus).as("status of %s", described).isEqualTo(status);
        JsonNode json;
        try {
            json = Http.json().readTree(body);
        } catch (RuntimeException e) {
            softly.fail("the error body of %s is not JSON: %s", described, e.getMessage());
            return;
        }
        softly.assertThat(json.path("error_code").isInt()).as("integer error_code in %s", described).isTrue();
        softly.assertThat(json.path("error_code").asInt()).as("error_code of %s", described).isEqualTo(errorCode);
        softly.assertThat(json.path("message").isString() && !json.path("message").asString().isBlank())
                .as("non-empty message in %s", described).isTrue();
    }
}
