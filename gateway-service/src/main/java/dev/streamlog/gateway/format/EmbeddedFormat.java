package dev.streamlog.gateway.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * How record keys and values travel in the public API's JSON, chosen by media type as in the Confluent REST Proxy
 * v2: {@code application/vnd.kafka.binary.v2+json} (base64 strings), {@code …json.v2+json} (any JSON value, stored
 * as its JSON text) and {@code …text.v2+json} (UTF-8 strings, Strimzi's addition). A produce body whose type
 * names no format ({@code application/json}, {@code application/vnd.kafka.v2+json}, {@code application/vnd.kafka+json},
 * {@code application/octet-stream}) is binary, as Confluent's API reference says ("if the embedded format is
 * omitted, binary is assumed"). A read that accepts {@code application/json} is answered in json. Stateless.
 */
public enum EmbeddedFormat {

    BINARY("binary"),
    JSON("json"),
    TEXT("text");

    private final MediaType mediaType;

    EmbeddedFormat(String name) {
        this.mediaType = new MediaType("application", "vnd.kafka." + name + ".v2+json");
    }

    /** The format's own media type, e.g. {@code application/vnd.kafka.binary.v2+json}. */
    public MediaType mediaType() {
        return mediaType;
    }

    /** Produce body types that name no embedded format: binary, as Confluent assumes. */
    private static final List<MediaType> UNSPECIFIC = List.of(MediaType.APPLICATION_JSON,
            new MediaType("application", "vnd.kafka.v2+json"), new MediaType("application", "vnd.kafka+json"),
            MediaType.APPLICATION_OCTET_STREAM);

    /**
     * The format of a produce body with this {@code Content-Type} (parameters such as {@code charset} ignored), or
     * empty when it is missing, malformed or not one of ours (the caller answers 415).
     */
    public static Optional<EmbeddedFormat> forContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Optional.empty();
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return Optional.empty();
        }
        return UNSPECIFIC.stream().anyMatch(type::equalsTypeAndSubtype) ? Optional.of(BINARY) : named(type);
    }

    /**
     * A format chosen for a read and the media type its answer carries: the format's own, or
     * {@code application/json} when that is what the reader asked for.
     *
     * @param format     how keys and values are rendered
     * @param answerType the answer's {@code Content-Type}
     */
    public record Accepted(EmbeddedFormat format, MediaType answerType) {
    }

    /**
     * The format to answer a record read in, from its {@code Accept} header: the acceptable media type with the
     * highest quality that is one of the formats, {@code application/json} (json) or a wildcard ({@code *}{@code /*}
     * or {@code application/*}: binary, as is a missing header). Empty when nothing acceptable is offered or the
     * header is malformed (the caller answers 406).
     */
    public static Optional<Accepted> forAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(new Accepted(BINARY, BINARY.mediaType));
        }
        List<MediaType> types;
        try {
            types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            return Optional.empty();
        }
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.getQualityValue() <= 0) {
                continue;
            }
            if (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                return Optional.of(new Accepted(JSON, MediaType.APPLICATION_JSON));
            }
            Optional<EmbeddedFormat> format = named(type);
            if (format.isPresent()) {
                return Optional.of(new Accepted(format.get(), format.get().mediaType));
            }
            if (type.isWildcardType() || (type.getType().equals("application") && type.isWildcardSubtype())) {
                return Optional.of(new Accepted(BINARY, BINARY.mediaType));
            }
        }
        return Optional.empty();
    }

    /** The format a media type names, e.g. binary for {@code application/vnd.kafka.binary.v2+json}. */
    private static Optional<EmbeddedFormat> named(MediaType type) {
        for (EmbeddedFormat format : values()) {
            if (type.equalsTypeAndSubtype(format.mediaType)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
