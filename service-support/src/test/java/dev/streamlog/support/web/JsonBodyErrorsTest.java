package dev.streamlog.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.streamlog.model.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies read by a mapper configured as {@link StrictJson} configures the services' mapper, and the answers
 * {@link JsonBodyErrors} gives for what it refuses: the field as a JSON path, the JSON it must be, no Java type.
 */
class JsonBodyErrorsTest {

    record Item(@JsonProperty("n") int n, @JsonProperty("flag") Boolean flag) {
    }

    record Request(@JsonProperty("topic_name") String topicName, @JsonProperty("partitions_count") Integer count,
                   @JsonProperty("size") Long size, @JsonProperty("items") List<Item> items,
                   @JsonProperty("extra") Object extra) {
        Request {
            if ("refused".equals(topicName)) {
                throw new IllegalArgumentException("topic_name 'refused' is reserved");
            }
        }
    }

    private final JsonMapper mapper = strict();

    private static JsonMapper strict() {
        JsonMapper.Builder builder = StrictJson.limitedBuilder();
        StrictJson.strictTypes(builder);
        return builder.build();
    }

    private JsonBodyErrors.Answer refusal(String body) {
        Throwable failure = catchThrowable(() -> mapper.readValue(body, Request.class));
        assertThat(failure).as(body).isNotNull();

        return JsonBodyErrors.of(failure);
    }

    @Test
    void wellTypedBodiesAreRead() {
        Request request = mapper.readValue("{\"topic_name\":\"t\",\"partitions_count\":3,\"items\":[{\"n\":1}]}",
                Request.class);
        assertThat(request.topicName()).isEqualTo("t");
        assertThat(request.items()).containsExactly(new Item(1, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "{\"topic_name\":1}                        | 'topic_name' must be a string",
        "{\"topic_name\":true}                     | 'topic_name' must be a string",
        "{\"partitions_count\":\"3\"}              | 'partitions_count' must be a whole number",
        "{\"partitions_count\":3.5}                | 'partitions_count' must be a whole number",
        "{\"partitions_count\":99999999999}        | 'partitions_count' is a number out of range",
        "{\"items\":[{\"n\":1},{\"n\":\"x\"}]}     | 'items[1].n' must be a whole number",
        "{\"items\":[{\"n\":null}]}                | 'items[0].n' must be a whole number",
        "{\"items\":[{\"n\":1,\"flag\":\"yes\"}]}  | 'items[0].flag' must be true or false",
        "{\"items\":{}}                            | 'items' must be an array",
        "{\"topic_name\":\"refused\"}              | the body is not acceptable: topic_name 'refused' is reserved",
        "[1]                                       | the body must be an object"
    })
    void wrongJsonTypesAreUnprocessableNamingTheFieldAndTheJsonItMustBe(String body, String message) {
        JsonBodyErrors.Answer answer = refusal(body);

        assertThat(answer.code()).isEqualTo(ErrorCode.UNPROCESSABLE_ENTITY);
        assertThat(answer.message()).startsWith(message);
        assertThat(answer.message()).doesNotContain("java.", "dev.streamlog", "Integer", "String");
    }

    @Test
    void notJsonIsABadRequest() {
        JsonBodyErrors.Answer answer = refusal("{\"topic_name\":");

        assertThat(answer.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(answer.message()).startsWith("the request body is not valid JSON");
    }

    @Test
    void tooManyTokensOrTooDeepANestingIsTooLarge() {
        String many = "{\"items\":[" + "{\"n\":1},".repeat((int) StrictJson.MAX_TOKENS / 4) + "{\"n\":1}]}";
        String deep = "{\"extra\":" + "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH) + "}";

        for (String body : List.of(many, deep)) {
            JsonBodyErrors.Answer answer = refusal(body);
            assertThat(answer.code()).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(answer.message()).startsWith("the request body passes a limit of this service")
                    .doesNotContain("StreamReadConstraints");
        }
    }

    @Test
    void noCauseFromJacksonIsAMissingBody() {
        assertThat(JsonBodyErrors.of(new IllegalStateException("no body")))
                .isEqualTo(new JsonBodyErrors.Answer(ErrorCode.BAD_REQUEST, "the request body is missing or cannot be read"));
    }
}
