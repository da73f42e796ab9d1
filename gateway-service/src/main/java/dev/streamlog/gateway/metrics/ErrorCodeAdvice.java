package dev.streamlog.gateway.metrics;

import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.ErrorResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.JsonNode;

/**
 * Notes the {@code error_code} of every error body the gateway writes in the request attribute
 * {@link ErrorResponses#ERROR_CODE_ATTRIBUTE}, so {@link RequestMetricsFilter} can tag the request with it: an
 * {@link ErrorResponse} from a controller, an asynchronous answer or an exception handler, and the error bodies
 * the gateway relays from the controller (as bytes) and the coordinators (as a JSON tree): their
 * {@code error_code} field.
 * Leaves the body as it is. Stateless.
 */
@ControllerAdvice
class ErrorCodeAdvice implements ResponseBodyAdvice<Object> {

    private static final Pattern FORWARDED_CODE = Pattern.compile("\"error_code\"\\s*:\\s*(\\d{3,5})");
    private static final int SCANNED_BYTES = 256;

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (!(request instanceof ServletServerHttpRequest servlet)) {
            return body;
        }
        if (body instanceof ErrorResponse error) {
            servlet.getServletRequest().setAttribute(ErrorResponses.ERROR_CODE_ATTRIBUTE, error.errorCode());
        } else if (body instanceof JsonNode node && node.path("error_code").isInt()) {
            servlet.getServletRequest().setAttribute(ErrorResponses.ERROR_CODE_ATTRIBUTE,
                    node.path("error_code").asInt());
        } else if (body instanceof byte[] bytes && response instanceof ServletServerHttpResponse answer
                && answer.getServletResponse().getStatus() >= 400) {
            Matcher code = FORWARDED_CODE.matcher(new String(bytes, 0, Math.min(bytes.length, SCANNED_BYTES),
                    StandardCharsets.UTF_8));
            if (code.find()) {
                servlet.getServletRequest().setAttribute(ErrorResponses.ERROR_CODE_ATTRIBUTE,
                        Integer.parseInt(code.group(1)));
            }
        }
        return body;
    }
}
