package dev.streamlog.gateway.format;

/**
 * One record of a v3 produce body as {@link RecordStreamReader} read it: either {@link Written}, to be produced, or
 * {@link Refused}, answered in-band with its error. Immutable by convention (a record's arrays are not copied).
 */
public sealed interface StreamedRecord {

    /**
     * A record to produce.
     *
     * @param record    the record, its key and value as bytes
     * @param keyType   the type the request gave the key ({@code BINARY}, {@code JSON}, {@code STRING}), or null
     *                  when it gave no key
     * @param valueType the same for the value
     */
    record Written(EncodedRecord record, String keyType, String valueType) implements StreamedRecord {
    }

    /**
     * A record refused as written.
     *
     * @param errorCode the code its delivery report gets (400)
     * @param message   what is wrong, naming the field
     */
    record Refused(int errorCode, String message) implements StreamedRecord {
    }
}
