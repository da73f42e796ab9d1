package dev.streamlog.model.batch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a multi-partition internal append ({@link PartitionAppends}), media type {@value #MEDIA_TYPE}: one
 * outcome per entry, in the request's order, each the HTTP status and JSON body a single-partition append would
 * have been answered with (200 and the append's offsets, or an error status and the platform's error body).
 * Big-endian:
 * <pre>
 * int32 count
 * count × { int16 status, int32 length, that many bytes of JSON }
 * </pre>
 * Stateless.
 */
public final class AppendOutcomes {

    /** Media type of a multi-partition append's answer. */
    public static final String MEDIA_TYPE = "application/vnd.streamlog.append-outcomes.v1";

    /**
     * One entry's outcome.
     *
     * @param status the HTTP status a single-partition append would have had
     * @param body   its JSON body
     */
    public record Outcome(int status, byte[] body) {
    }

    private AppendOutcomes() {
    }

    /** The body for {@code outcomes}, in order. */
    public static byte[] encode(List<Outcome> outcomes) {
        int size = Integer.BYTES;
        for (Outcome outcome : outcomes) {
            size += Short.BYTES + Integer.BYTES + outcome.body().length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(outcomes.size());
        for (Outcome outcome : outcomes) {
            out.putShort((short) outcome.status()).putInt(outcome.body().length).put(outcome.body());
        }
        return out.array();
    }

    /**
     * The outcomes of a body.
     *
     * @throws CorruptBatchException if the framing does not add up
     */
    public static List<Outcome> decode(ByteBuffer body) {
        ByteBuffer in = body.slice();
        int count = in.remaining() >= Integer.BYTES ? in.getInt() : -1;
        if (count < 0 || count > in.remaining() / (Short.BYTES + Integer.BYTES)) {
            throw new CorruptBatchException("the outcome count " + count + " does not fit a body of "
                    + body.remaining() + " bytes");
        }
        List<Outcome> outcomes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (in.remaining() < Short.BYTES + Integer.BYTES) {
                throw new CorruptBatchException("the body ends inside outcome " + i);
            }
            int status = in.getShort();
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new CorruptBatchException("outcome " + i + " has " + length + " bytes, with " + in.remaining()
                        + " left");
            }
            byte[] json = new byte[length];
            in.get(json);
            outcomes.add(new Outcome(status, json));
        }
        if (in.hasRemaining()) {
            throw new CorruptBatchException(in.remaining() + " bytes follow the last outcome");
        }
        return outcomes;
    }
}
