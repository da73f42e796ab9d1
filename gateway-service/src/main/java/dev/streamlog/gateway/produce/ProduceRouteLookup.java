package dev.streamlog.gateway.produce;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;

/**
 * Finds the v2 produce routes ({@code POST /topics/{topic}} and {@code POST /topics/{topic}/partitions/{partition}},
 * {@link ProduceController}) by the shape of the path, ahead of Spring MVC's lookup of annotated routes, which tries
 * every route pattern of the API on every request (a fifth of the gateway's CPU time per one-record produce). It
 * answers with the same handler method that lookup would find, with the same request attributes (path variables,
 * decoded; the matched pattern, which the request metrics are tagged with), so argument binding, errors and
 * answers are Spring MVC's as before; every other request, and a path that is not exactly of that shape, is left to
 * Spring MVC. The handler methods are taken from Spring MVC's own route table on first use.
 *
 * <p>Thread-safe: the routes are resolved once (idempotently) and then only read.
 */
@Component
public class ProduceRouteLookup extends AbstractHandlerMapping {

    static final String TOPIC_PATTERN = "/topics/{topic}";
    static final String PARTITION_PATTERN = "/topics/{topic}/partitions/{partition}";

    private final ObjectProvider<RequestMappingHandlerMapping> annotatedRoutes;
    private volatile Map<String, HandlerMethod> routes;

    /** @param annotatedRoutes Spring MVC's route table (not the actuator's, which has its own) */
    ProduceRouteLookup(@Qualifier("requestMappingHandlerMapping")
                       ObjectProvider<RequestMappingHandlerMapping> annotatedRoutes) {
        this.annotatedRoutes = annotatedRoutes;
        setOrder(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    protected Object getHandlerInternal(HttpServletRequest request) {
        if (!HttpMethod.POST.matches(request.getMethod())) {
            return null;
        }
        String path = initLookupPath(request); // without ;parameters, as Spring MVC matches
        if (!path.startsWith("/topics/")) {
            return null;
        }
        String[] segments = path.substring(1).split("/", -1);
        String pattern;
        Map<String, String> variables;
        if (segments.length == 2 && !segments[1].isEmpty()) {
            pattern = TOPIC_PATTERN;
            variables = Map.of("topic", decode(segments[1]));
        } else if (segments.length == 4 && !segments[1].isEmpty() && segments[2].equals("partitions")
                && !segments[3].isEmpty()) {
            pattern = PARTITION_PATTERN;
            variables = Map.of("topic", decode(segments[1]), "partition", decode(segments[3]));
        } else {
            return null;
        }
        HandlerMethod handler = routes().get(pattern);
        if (handler == null) {
            return null;
        }
        request.setAttribute(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE, path);
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, variables);
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(pattern));
        return handler;
    }

    /** The produce routes' handler methods by pattern, as Spring MVC registered them. */
    private Map<String, HandlerMethod> routes() {
        Map<String, HandlerMethod> known = routes;
        if (known == null) {
            known = new HashMap<>();
            for (Map.Entry<RequestMappingInfo, HandlerMethod> route
                    : annotatedRoutes.getObject().getHandlerMethods().entrySet()) {
                RequestMappingInfo info = route.getKey();
                Set<String> patterns = info.getPatternValues();
                if (route.getValue().getBeanType() == ProduceController.class
                        && info.getMethodsCondition().getMethods().stream().anyMatch(m -> m.name().equals("POST"))
                        && patterns.size() == 1) {
                    known.put(patterns.iterator().next(), route.getValue().createWithResolvedBean());
                }
            }
            if (!known.keySet().containsAll(List.of(TOPIC_PATTERN, PARTITION_PATTERN))) {
                throw new IllegalStateException("ProduceController does not map " + TOPIC_PATTERN + " and "
                        + PARTITION_PATTERN + " to POST: update " + ProduceRouteLookup.class.getSimpleName());
            }
            routes = Map.copyOf(known);
        }
        return known;
    }

    private static String decode(String segment) {
        return UriUtils.decode(segment, StandardCharsets.UTF_8);
    }
}
