package dev.streamlog.gateway.metrics;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of public API call a request is, from its method and path, for the {@code api} tag of the request
 * timer: {@code produce} ({@code POST /topics/{t}[/partitions/{p}]} and the v3
 * {@code POST …/topics/{t}/records[:batch]}), {@code fetch} (a stateless partition read), {@code consume} (a consumer
 * instance's poll), {@code consumer} (the other consumer-instance calls), {@code metadata} (the other v2 reads),
 * {@code admin} (the other v3 routes), {@code console} ({@code /ui}) and {@code other}. Stateless.
 */
enum ApiRoute {
    PRODUCE, FETCH, CONSUME, CONSUMER, METADATA, ADMIN, CONSOLE, OTHER;

    private static final Pattern PRODUCE_PATH = Pattern.compile("/topics/[^/]+(/partitions/[^/]+)?/?"
            + "|/v3/clusters/[^/]+/topics/[^/]+/records(:batch)?/?");
    private static final Pattern FETCH_PATH = Pattern.compile("/topics/[^/]+/partitions/[^/]+/records/?");
    private static final Pattern CONSUME_PATH = Pattern.compile("/consumers/[^/]+/instances/[^/]+/records/?");

    /** The tag value: the constant's name in lower case. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ApiRoute of(String method, String path) {
        if ("POST".equals(method) && PRODUCE_PATH.matcher(path).matches()) {
            return PRODUCE;
        }
        if ("GET".equals(method) && FETCH_PATH.matcher(path).matches()) {
            return FETCH;
        }
        if ("GET".equals(method) && CONSUME_PATH.matcher(path).matches()) {
            return CONSUME;
        }
        if (path.startsWith("/consumers/")) {
            return CONSUMER;
        }
        if (path.startsWith("/v3/")) {
            return ADMIN;
        }
        if (path.equals("/ui") || path.startsWith("/ui/")) {
            return CONSOLE;
        }
        if (path.startsWith("/topics") || path.startsWith("/brokers")) {
            return METADATA;
        }
        return OTHER;
    }
}
