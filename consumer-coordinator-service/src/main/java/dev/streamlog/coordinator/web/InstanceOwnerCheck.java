package dev.streamlog.coordinator.web;

import dev.streamlog.client.security.CallerPrincipal;
import dev.streamlog.coordinator.membership.GroupMembership;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Keeps a consumer instance to the principal that created it: before any handler of
 * {@code /internal/v1/groups/{g}/instances/{i}/**} runs, the caller the gateway names ({@link CallerPrincipal}) must
 * be the instance's owner, else the call is answered 403/40301 ({@link GroupMembership#checkOwner}). An instance
 * deleted and created again by another principal between this check and the handler is the only way past it, and
 * it takes the owner's own delete. Stateless.
 */
@Configuration(proxyBeanMethods = false)
class InstanceOwnerCheck implements WebMvcConfigurer, HandlerInterceptor {

    private final GroupMembership membership;

    InstanceOwnerCheck(GroupMembership membership) {
        this.membership = membership;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/internal/v1/groups/*/instances/*",
                "/internal/v1/groups/*/instances/*/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("group") instanceof String group
                && variables.get("instance") instanceof String instance) {
            membership.checkOwner(group, instance, CallerPrincipal.of(request.getHeader(CallerPrincipal.HEADER)));
        }
        return true;
    }
}
