package dev.streamlog.support.web;

import dev.streamlog.model.ErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * What to answer for a JSON request body that could not be read into its request record, in the API's terms:
 * which field (as a JSON path, {@code records[2].partition}) and what JSON it must be ({@code a whole number},
 * {@code a string}), never a Java type:
 * <ul>
 *   <li>no body → 400/40001;</li>
 *   <li>not JSON → 400/40001 with the parser's reason;</li>
 *   <li>more tokens, nesting, or a longer string or number than this service reads ({@link JsonLimits}) →
 *       413/41301;</li>
 *   <li>JSON of the wrong shape (a mistyped value, an unknown field, a number out of range, a value its record
 *       refuses) → 422/42201.</li>
 * </ul>
 * Stateless.
 */
public final class JsonBodyErrors {

    /** An answer: the code and its message. */
    public record Answer(ErrorCode code, String message) {
    }

    private JsonBodyErrors() {
    }

    /** The answer for {@code failure}, the exception reading the body threw (or one with such a cause). */
    public static Answer of(Throwable failure) {
        JacksonException jackson = find(failure, JacksonException.class);
        if (jackson == null) {
            return new Answer(ErrorCode.BAD_REQUEST, "the request body is missing or cannot be read");
        }
        StreamConstraintsException limit = find(failure, StreamConstraintsException.class);
        if (limit != null) {
            return new Answer(ErrorCode.TOO_LARGE, "the request body passes a limit of this service: "
                    + limit.getOriginalMessage().replaceAll(" ?\\(.*?StreamReadConstraints[^)]*\\)", ""));
        }
        String where = path(failure);
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            return shape((where.isEmpty() ? "the body" : where) + " has the unknown field '"
                    + unknown.getPropertyName() + "'" + known(unknown.getKnownPropertyIds()));
        }
        if (jackson instanceof InputCoercionException) {
            return shape(named(where) + " is a number out of range");
        }
        if (jackson instanceof InvalidFormatException invalid) {
            return shape(named(where) + " must be " + jsonType(invalid.getTargetType()) + ", got "
                    + shortValue(invalid.getValue()));
        }
        if (jackson instanceof MismatchedInputException mismatched) {
            if (mismatched.getTargetType() == null) {
                return shape(named(where) + " does not have the expected shape");
            }
            return shape(named(where) + " must be " + jsonType(mismatched.getTargetType()));
        }
        if (jackson instanceof ValueInstantiationException refused) {
            Throwable cause = refused.getCause();
            return shape((where.isEmpty() ? "the body" : where) + " is not acceptable"
                    + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""));
        }
        if (jackson instanceof StreamReadException || !(jackson instanceof DatabindException)) {
            return new Answer(ErrorCode.BAD_REQUEST, "the request body is not valid JSON: "
                    + jackson.getOriginalMessage());
        }
        return shape(named(where) + " does not have the expected shape");
    }

    private static Answer shape(String message) {
        return new Answer(ErrorCode.UNPROCESSABLE_ENTITY, message);
    }

    /**
     * The JSON path of the failure, {@code a.b[2].c}, or empty for the body itself: from the reference chain of a
     * mapping failure, else (a failure of the parser's own, such as a number out of range) from where the parser
     * stood.
     */
    private static String path(Throwable failure) {
        DatabindException databind = find(failure, DatabindException.class);
        if (databind != null) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference reference : databind.getPath()) {
                if (reference.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            return path.toString();
        }
        JacksonException jackson = find(failure, JacksonException.class);
        if (jackson != null && jackson.processor() instanceof JsonParser parser) {
            return contextPath(parser.streamReadContext());
        }
        return "";
    }

    private static String contextPath(TokenStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = contextPath(context.getParent());
        if (context.inArray()) {
            return parent + "[" + Math.max(0, context.getCurrentIndex()) + "]";
        }
        String name = context.currentName();
        return name == null ? parent : parent + (parent.isEmpty() ? "" : ".") + name;
    }

    private static String named(String where) {
        return where.isEmpty() ? "the body" : "'" + where + "'";
    }

    private static String known(Collection<Object> names) {
        return names == null || names.isEmpty() ? "" : "; known fields: " + names;
    }

    /** What JSON a Java target type takes, in JSON's words ({@code a whole number}, {@code a string}, ...). */
    public static String jsonType(Class<?> type) {
        if (type == null) {
            return "another JSON value";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.of(Integer.class, int.class, Long.class, long.class, Short.class, short.class, Byte.class,
                byte.class, BigInteger.class).contains(type)) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
            return "an object";
        }
        return "another JSON value";
    }

    private static String shortValue(Object value) {
        String text = String.valueOf(value);
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
