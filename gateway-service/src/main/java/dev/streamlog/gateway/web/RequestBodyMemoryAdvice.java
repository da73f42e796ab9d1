package dev.streamlog.gateway.web;

import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Charges the request memory for what reading a {@code @RequestBody} (the consumer routes' JSON) makes of the body,
 * before it is read: {@link #TREE_FACTOR} times its length, which covers the objects Jackson builds from the
 * densest JSON ({@code [{},{},…]}: an object for every three bytes). The pool refusing it is 429/42901. The body's
 * own bytes were charged by {@link RequestBodyFilter}. Stateless.
 */
@ControllerAdvice
class RequestBodyMemoryAdvice extends RequestBodyAdviceAdapter {

    /** Bytes of objects per byte of JSON body, at most. */
    static final int TREE_FACTOR = 16;

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) {
        if (input instanceof ServletServerHttpRequest servlet) {
            long length = Math.max(0, servlet.getServletRequest().getContentLengthLong());
            RequestMemory.of(servlet.getServletRequest()).require(length * TREE_FACTOR);
        }
        return input;
    }
}
