package dev.streamlog.gateway.metrics;

import dev.streamlog.gateway.web.ErrorResponses;
import dev.streamlog.model.ErrorResponse;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Notes the {@code error_code} of every error body the gateway writes (from a controller, an asynchronous answer
 * or an exception handler) in the request attribute {@link ErrorResponses#ERROR_CODE_ATTRIBUTE}, so
 * {@link RequestMetricsFilter} can tag the request with it. Leaves the body as it is. Stateless.
 */
@ControllerAdvice
class ErrorCodeAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ErrorResponse error && request instanceof ServletServerHttpRequest servlet) {
            servlet.getServletRequest().setAttribute(ErrorResponses.ERROR_CODE_ATTRIBUTE, error.errorCode());
        }
        return body;
    }
}
