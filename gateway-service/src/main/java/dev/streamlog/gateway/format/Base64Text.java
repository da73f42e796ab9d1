package dev.streamlog.gateway.format;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * Bytes that a JSON answer shows as a string of their standard base64 (with padding, without line breaks). The JDK's
 * encoder does the encoding, in one pass over the whole array (several times faster than the JSON writer's own base64,
 * which consumers' answers spent most of their time in), and the text goes into an answer written as bytes as raw
 * UTF-8: base64's alphabet needs no escaping (a writer of characters gets it as a string). Immutable (the array is not
 * copied and must not change); thread-safe.
 */
final class Base64Text implements JacksonSerializable {

    private final byte[] bytes;

    Base64Text(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializationContext context) {
        byte[] text = Base64.getEncoder().encode(bytes);
        if (generator.streamWriteOutputTarget() instanceof OutputStream) {
            generator.writeRawUTF8String(text, 0, text.length);
        } else {
            generator.writeString(new String(text, StandardCharsets.US_ASCII));
        }
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializationContext context, TypeSerializer types) {
        serialize(generator, context);
    }
}
