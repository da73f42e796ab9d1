package dev.streamlog.gateway.acl;

import dev.streamlog.gateway.auth.UserPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives a handler parameter of type {@link Access} the request's caller (as authentication named it) and client
 * address (the connection's peer, as Kafka's ACL hosts are). Stateless.
 */
@Component
class AccessArgument implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final Authorizer authorizer;

    AccessArgument(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Access.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binders) {
        HttpServletRequest servlet = request.getNativeRequest(HttpServletRequest.class);
        return new Access(authorizer, UserPrincipal.of(servlet), servlet.getRemoteAddr());
    }
}
