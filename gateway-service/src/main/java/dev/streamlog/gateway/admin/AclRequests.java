package dev.streamlog.gateway.admin;

import dev.streamlog.gateway.acl.AclBinding;
import dev.streamlog.gateway.acl.AclFilter;
import dev.streamlog.gateway.acl.AclOperation;
import dev.streamlog.gateway.acl.AclPatternType;
import dev.streamlog.gateway.acl.AclPermission;
import dev.streamlog.gateway.acl.AclResourceType;
import dev.streamlog.gateway.web.ApiException;
import dev.streamlog.model.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Reads the ACL API's inputs as Confluent's v3 defines them: a search or delete filter from the query parameters
 * ({@code resource_type}, {@code resource_name}, {@code pattern_type}, {@code principal}, {@code host},
 * {@code operation}, {@code permission}; enums in any case, {@code ANY} or absent selecting any value, an empty
 * string any string) and an ACL to create from a JSON object with the same seven fields, all required, enums in upper
 * case. Anything else is 400/400 naming the field and what it may be; a batch without {@code data} is 422/422, as
 * Confluent answers it. Stateless.
 */
final class AclRequests {

    /** At most this many characters in a resource name, principal or host. */
    static final int MAX_TEXT = 1000;
    /** At most this many ACLs in one batch create. */
    static final int MAX_BATCH = 1000;

    /** Kafka's enum values Confluent's API knows but Streamlog does not check (refused rather than kept unused). */
    private static final Set<String> UNSUPPORTED = Set.of("TRANSACTIONAL_ID", "DELEGATION_TOKEN", "CLUSTER_ACTION",
            "IDEMPOTENT_WRITE");

    private AclRequests() {
    }

    /** The query parameters of a search or delete; for a delete the four enums are required, as Confluent's are. */
    record Query(String resourceType, String resourceName, String patternType, String principal, String host,
                 String operation, String permission) {

        /** The query from a request's parameters (others are ignored). */
        static Query of(Map<String, String> parameters) {
            return new Query(parameters.get("resource_type"), parameters.get("resource_name"),
                    parameters.get("pattern_type"), parameters.get("principal"), parameters.get("host"),
                    parameters.get("operation"), parameters.get("permission"));
        }
    }

    static AclFilter filter(Query query, boolean delete) {
        return new AclFilter(
                filterEnum("resource_type", query.resourceType(), AclResourceType.class, delete),
                emptyIsAny(query.resourceName()),
                filterPattern(query.patternType(), delete),
                emptyIsAny(query.principal()), emptyIsAny(query.host()),
                filterEnum("operation", query.operation(), AclOperation.class, delete),
                filterEnum("permission", query.permission(), AclPermission.class, delete));
    }

    /** The ACL {@code body} describes; {@code where} names it in errors (e.g. {@code data[2]}). */
    static AclBinding binding(JsonNode body, String where) {
        if (body == null || !body.isObject()) {
            throw bad((where.isEmpty() ? "the body" : where) + " must be a JSON object with resource_type,"
                    + " resource_name, pattern_type, principal, host, operation and permission");
        }
        String prefix = where.isEmpty() ? "" : where + ".";
        AclResourceType type = createEnum(prefix + "resource_type", text(body, prefix, "resource_type"),
                AclResourceType.class);
        String name = text(body, prefix, "resource_name");
        if (name.isEmpty()) {
            throw bad(prefix + "resource_name must not be empty");
        }
        if (type == AclResourceType.CLUSTER && !name.equals(AclResourceType.CLUSTER_NAME)) {
            throw bad(prefix + "resource_name: the only valid name for the CLUSTER resource is "
                    + AclResourceType.CLUSTER_NAME);
        }
        AclPatternType pattern = createEnum(prefix + "pattern_type", text(body, prefix, "pattern_type"),
                AclPatternType.class);
        String principal = text(body, prefix, "principal");
        if (!principal.startsWith("User:") || principal.length() == "User:".length()) {
            throw bad(prefix + "principal must be User:<name> or User:*, not '" + principal + "'");
        }
        String host = text(body, prefix, "host");
        if (host.isEmpty()) {
            throw bad(prefix + "host must be a client address or *");
        }
        return new AclBinding(type, name, pattern, principal, host,
                createEnum(prefix + "operation", text(body, prefix, "operation"), AclOperation.class),
                createEnum(prefix + "permission", text(body, prefix, "permission"), AclPermission.class));
    }

    /** The ACLs of a batch create's {@code {"data":[…]}}. */
    static List<AclBinding> batch(JsonNode body) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isArray()) {
            throw new ApiException(ErrorCode.MISSING_BODY, "Payload error. data is required: {\"data\":[ACL, …]}");
        }
        if (data.size() > MAX_BATCH) {
            throw bad("data has " + data.size() + " ACLs; at most " + MAX_BATCH + " in one batch");
        }
        List<AclBinding> acls = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            acls.add(binding(data.get(i), "data[" + i + "]"));
        }
        return acls;
    }

    private static String text(JsonNode body, String prefix, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw bad(prefix + field + " is required");
        }
        if (!value.isString()) {
            throw bad(prefix + field + " must be a string");
        }
        String text = value.asString();
        if (text.length() > MAX_TEXT) {
            throw bad(prefix + field + " has " + text.length() + " characters; at most " + MAX_TEXT);
        }
        if (text.codePoints().anyMatch(code -> code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE)) {
            throw bad(prefix + field + " is not well-formed Unicode (a lone surrogate)");
        }
        return text;
    }

    private static <E extends Enum<E>> E createEnum(String field, String value, Class<E> type) {
        if (value.equals("ANY") || value.equals("MATCH") || value.equals("UNKNOWN")) {
            throw bad(field + " cannot be " + value + " in an ACL to create; one of " + names(type));
        }
        return parse(field, value, type);
    }

    private static <E extends Enum<E>> E filterEnum(String field, String value, Class<E> type, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                throw bad(field + " cannot be unspecified or UNKNOWN; one of ANY, " + names(type));
            }
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.equals("ANY")) {
            return null;
        }
        if (upper.equals("UNKNOWN")) {
            throw bad(field + " cannot be unspecified or UNKNOWN; one of ANY, " + names(type));
        }
        return parse(field, upper, type);
    }

    private static AclFilter.PatternFilter filterPattern(String value, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                throw bad("pattern_type cannot be unspecified or UNKNOWN; one of ANY, MATCH, LITERAL, PREFIXED");
            }
            return AclFilter.PatternFilter.ANY;
        }
        return parse("pattern_type", value.toUpperCase(Locale.ROOT), AclFilter.PatternFilter.class);
    }

    private static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
        if (UNSUPPORTED.contains(value)) {
            throw bad(field + " " + value + " is Kafka's but means nothing in Streamlog; one of " + names(type));
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw bad(field + " must be one of " + names(type) + ", not '" + value + "'");
        }
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String emptyIsAny(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static ApiException bad(String message) {
        return new ApiException(ErrorCode.BAD_REQUEST_ENTITY, message);
    }
}
