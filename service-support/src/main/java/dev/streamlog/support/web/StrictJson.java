package dev.streamlog.support.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * How a service's JSON mapper (Spring Boot's, which reads every request body and every answer of another service)
 * reads JSON: bounded, and strictly typed.
 * <ul>
 *   <li>At most {@link #MAX_TOKENS} tokens per document and {@link #MAX_DEPTH} levels of nesting: what one request
 *       body can make the service allocate is bounded whatever its size (a body of 8 MiB of {@code {}} would
 *       otherwise be millions of objects). Passing it is answered 413/41301 ({@link JsonBodyErrors}).</li>
 *   <li>No coercion between JSON types: a number, {@code true} or {@code false} is not a string, a string is not a
 *       number or a boolean, {@code 3.5} is not a whole number, {@code null} is not a number. The API's fields say
 *       what JSON they take; a request that sends another is refused (422/42201 naming the field), never read as
 *       something it did not say ({@code "topic_name": 1} is not topic "1").</li>
 * </ul>
 * Spring Boot's customizers ({@code spring.jackson.*}) still apply on top. A service takes it with
 * {@code @Import(StrictJson.class)}. Stateless.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    /** The most tokens (values, names, brackets) one JSON document may have. */
    public static final long MAX_TOKENS = 200_000;
    /** The deepest nesting of arrays and objects one JSON document may have. */
    public static final int MAX_DEPTH = 64;

    /** Boot's builder (a new one each time, as Boot's), on a token stream factory with the limits above. */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    JsonMapper.Builder jsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = limitedBuilder();
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    /** A builder on a token stream factory with the limits above (and nothing else changed). */
    public static JsonMapper.Builder limitedBuilder() {
        return JsonMapper.builder(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxTokenCount(MAX_TOKENS)
                        .maxNestingDepth(MAX_DEPTH)
                        .build())
                .build());
    }

    @Bean
    JsonMapperBuilderCustomizer strictJsonTypes() {
        return StrictJson::strictTypes;
    }

    /** Turns off every coercion between JSON types. */
    public static void strictTypes(JsonMapper.Builder builder) {
        builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }
}
