package dev.streamlog.storage.web;

import dev.streamlog.model.Acks;
import dev.streamlog.model.TopicNames;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Checks of request parameters shared by the controllers. Stateless and thread-safe. */
public final class Requests {

    private Requests() {
    }

    /**
     * The topic name if it follows the shared rule.
     *
     * @throws BadRequestException naming the problem otherwise
     */
    public static String topic(String name) {
        TopicNames.problem(name).ifPresent(problem -> {
            throw new BadRequestException(problem);
        });
        return name;
    }

    /**
     * The value if it is not negative.
     *
     * @throws BadRequestException otherwise
     */
    public static long notNegative(String parameter, long value) {
        if (value < 0) {
            throw new BadRequestException(parameter + " must not be negative, got " + value);
        }
        return value;
    }

    /** The {@code acks} query parameter. */
    public static Acks acks(String value) {
        return Acks.parse(value).orElseThrow(() -> new BadRequestException(Acks.problem(value)));
    }

    /**
     * The whole body in one array: of exactly the announced length, or read up to {@code maxSize} when chunked. The
     * buffer grows as the bytes arrive, never allocated from the announced length up front.
     *
     * @param what    names the body in errors ("the append body")
     * @param setting the property that sets {@code maxSize}, named in a 413
     * @throws RequestTooLargeException if the body is larger than {@code maxSize}
     * @throws BadRequestException      if it ends before its announced length
     */
    public static byte[] body(HttpServletRequest request, int maxSize, String what, String setting)
            throws IOException {
        long announced = request.getContentLengthLong();
        if (announced > maxSize) {
            throw tooLarge(what, announced + " bytes", maxSize, setting);
        }
        InputStream in = request.getInputStream();
        if (announced < 0) {
            byte[] body = in.readNBytes(maxSize + 1);
            if (body.length > maxSize) {
                throw tooLarge(what, "more than " + maxSize + " bytes", maxSize, setting);
            }
            return body;
        }
        byte[] body = in.readNBytes((int) announced);
        if (body.length < announced) {
            throw new BadRequestException(what + " ended after " + body.length + " of its " + announced
                    + " announced bytes");
        }
        return body;
    }

    private static RequestTooLargeException tooLarge(String what, String size, int maxSize, String setting) {
        return new RequestTooLargeException(what + " has " + size + "; this node reads at most " + maxSize + " ("
                + setting + ")");
    }
}
