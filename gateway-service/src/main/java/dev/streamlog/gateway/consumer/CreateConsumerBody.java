package dev.streamlog.gateway.consumer;

import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.v2.CreateConsumerRequest;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of {@code POST /consumers/{g}} into a {@link CreateConsumerRequest}. Its fields are Kafka consumer
 * settings, which clients send as JSON strings (Confluent's documentation: {@code "auto.commit.enable": "false"})
 * or as the JSON number or boolean they stand for (Strimzi's: {@code false}): any scalar is taken as its text. An
 * object or array for one is refused 422/42201 naming it; so is a body that is not an object. Strimzi's
 * {@code enable.auto.commit} is taken for {@code auto.commit.enable}. Unknown fields are ignored, as every v2 route
 * does. Stateless.
 */
final class CreateConsumerBody {

    private CreateConsumerBody() {
    }

    /** The request in {@code body}, or all settings left out when there is none. */
    static CreateConsumerRequest read(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new CreateConsumerRequest(null, null, null, null, null, null, null, null, null, null, null);
        }
        if (!body.isObject()) {
            throw new ApiException(ErrorCode.UNPROCESSABLE_ENTITY, "the body must be a JSON object of consumer"
                    + " settings, such as {\"name\":\"c1\",\"format\":\"json\"}");
        }
        return new CreateConsumerRequest(text(body, "name"), text(body, "format"), text(body, "auto.offset.reset"),
                aliased(body, "auto.commit.enable", "enable.auto.commit"), text(body, "fetch.min.bytes"),
                text(body, "consumer.request.timeout.ms"), text(body, "session.timeout.ms"),
                text(body, "max.poll.interval.ms"), text(body, "consumer.instance.timeout.ms"),
                text(body, "partition.assignment.strategy"), text(body, "auto.commit.interval.ms"));
    }

    /**
     * A setting that also goes by another name: Strimzi Kafka Bridge's consumer takes Kafka's own
     * {@code enable.auto.commit} where Confluent's takes {@code auto.commit.enable}. Both given and different → 422.
     */
    private static String aliased(JsonNode body, String field, String alias) {
        String value = text(body, field);
        String other = text(body, alias);
        if (value != null && other != null && !value.equals(other)) {
            throw new ApiException(ErrorCode.UNPROCESSABLE_ENTITY, "'" + field + "' and its alias '" + alias
                    + "' disagree (" + value + ", " + other + "); give one");
        }
        return value != null ? value : other;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new ApiException(ErrorCode.UNPROCESSABLE_ENTITY, "'" + field
                    + "' must be a string, a number or true/false, not " + (value.isArray() ? "an array" : "an object"));
        }
        return value.asString();
    }
}
