package dev.streamlog.gateway.web;

import dev.streamlog.model.ErrorResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The media type a JSON answer carries, negotiated from the request's {@code Accept} as Confluent's REST Proxy does:
 * the v2 API (every route but {@code /v3/…}) answers {@code application/vnd.kafka.v2+json}
 * unless the client prefers {@code application/json}; an error answers in the {@code application/vnd.kafka…+json}
 * type the client prefers, else in {@code application/json} (v3) or the v2 type (v2). Applied to every JSON body
 * written through Spring MVC (answers whose type names an embedded format, such as a records read, keep theirs), and
 * called by {@link ErrorResponses#write} for errors written outside it. Stateless.
 */
@ControllerAdvice
public class AnswerMediaType implements ResponseBodyAdvice<Object> {

    /** The v2 API's own media type. */
    public static final MediaType KAFKA_V2 = new MediaType("application", "vnd.kafka.v2+json");

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (contentType != null && contentType.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)
                && request instanceof ServletServerHttpRequest servlet) {
            HttpServletRequest http = servlet.getServletRequest();
            boolean error = body instanceof ErrorResponse || (response instanceof ServletServerHttpResponse answer
                    && answer.getServletResponse().getStatus() >= 400);
            response.getHeaders().setContentType(of(http.getRequestURI(), http.getHeader(HttpHeaders.ACCEPT), error));
        }
        return body;
    }

    /** The type of an error answer to {@code request}. */
    public static MediaType forError(HttpServletRequest request) {
        return of(request.getRequestURI(), request.getHeader(HttpHeaders.ACCEPT), true);
    }

    /**
     * The type of a JSON answer to a request for {@code path} with this {@code Accept}. A v3 answer that is not an
     * error is {@code application/json}. Otherwise the acceptable types in order of quality: the first that is
     * {@code application/json}, a Kafka type (for an error, that type; otherwise the v2 type) or a wildcard (the
     * API's own type) decides; nothing acceptable or a malformed header: the API's own type.
     */
    static MediaType of(String path, String accept, boolean error) {
        boolean v3 = path != null && path.startsWith("/v3/");
        MediaType own = v3 ? MediaType.APPLICATION_JSON : KAFKA_V2;
        if ((v3 && !error) || accept == null || accept.isBlank()) {
            return own;
        }
        List<MediaType> types;
        try {
            types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            return own;
        }
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.getQualityValue() <= 0) {
                continue;
            }
            if (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                return MediaType.APPLICATION_JSON;
            }
            if (isKafkaType(type)) {
                return error ? new MediaType(type.getType(), type.getSubtype()) : KAFKA_V2;
            }
            if (type.isWildcardType() || (type.getType().equals("application") && type.isWildcardSubtype())) {
                return own;
            }
        }
        return own;
    }

    private static boolean isKafkaType(MediaType type) {
        return type.getType().equals("application") && type.getSubtype().startsWith("vnd.kafka")
                && type.getSubtype().endsWith("+json");
    }
}
