package dev.streamlog.storage.replica;

import dev.streamlog.model.TopicPartition;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a {@link ReplicaFetchRequest}, media type {@value #MEDIA_TYPE}: one {@link PartitionFetch} per
 * partition of the request, in its order. Big-endian:
 * <pre>
 * int32 count
 * count × { int16 topic_length, topic (UTF-8), int32 partition, int16 status,
 *           int64 high_watermark, int64 log_start_offset, int64 log_end_offset,
 *           int32 length, length bytes: the record batches (status 200) or the error message (UTF-8) }
 * </pre>
 * The body's length is announced up front ({@link #size}), so an answer cut short is never taken for a whole one.
 * An instance is one answer to write, its topic names encoded once; immutable, but it shares the partitions' batch
 * buffers, which must not change until it is written. The static {@link #read} is stateless.
 */
public final class ReplicaFetchAnswer {

    /** Media type of the answer. */
    public static final String MEDIA_TYPE = "application/vnd.streamlog.replica-fetched.v1";

    private static final int FIXED_PER_PARTITION = Short.BYTES + Integer.BYTES + Short.BYTES + 3 * Long.BYTES
            + Integer.BYTES;

    private final List<PartitionFetch> answers;
    private final byte[][] topics;
    private final long size;

    private ReplicaFetchAnswer(List<PartitionFetch> answers) {
        this.answers = answers;
        this.topics = new byte[answers.size()][];
        long bytes = Integer.BYTES;
        for (int i = 0; i < topics.length; i++) {
            topics[i] = answers.get(i).partition().topic().getBytes(StandardCharsets.UTF_8);
            bytes += FIXED_PER_PARTITION + topics[i].length + payload(answers.get(i)).remaining();
        }
        this.size = bytes;
    }

    /** The answer of {@code answers}, in their order. */
    public static ReplicaFetchAnswer of(List<PartitionFetch> answers) {
        return new ReplicaFetchAnswer(answers);
    }

    /** The number of bytes {@link #writeTo} writes. */
    public long size() {
        return size;
    }

    /**
     * Writes the answer: each partition's fixed fields in one write, then its batches from their buffer with no copy
     * of their own. An empty payload is not written at all: a servlet response closes itself once its announced
     * length is reached, and a write after that, even of nothing, fails.
     */
    public void writeTo(OutputStream out) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(Integer.BYTES + FIXED_PER_PARTITION + longestTopic());
        head.putInt(answers.size());
        for (int i = 0; i < topics.length; i++) {
            PartitionFetch answer = answers.get(i);
            FetchedBatches fetched = answer.fetched();
            ByteBuffer payload = payload(answer);
            head.putShort((short) topics[i].length).put(topics[i]).putInt(answer.partition().partition())
                    .putShort((short) answer.status()).putLong(fetched.highWatermark())
                    .putLong(fetched.logStartOffset()).putLong(fetched.logEndOffset()).putInt(payload.remaining());
            out.write(head.array(), 0, head.position());
            head.clear();
            if (!payload.hasRemaining()) {
                continue;
            }
            if (payload.hasArray()) {
                out.write(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
            } else {
                byte[] copy = new byte[payload.remaining()];
                payload.duplicate().get(copy);
                out.write(copy);
            }
        }
        if (topics.length == 0) {
            out.write(head.array(), 0, head.position());
        }
        out.flush();
    }

    private int longestTopic() {
        int longest = 0;
        for (byte[] topic : topics) {
            longest = Math.max(longest, topic.length);
        }
        return longest;
    }

    /**
     * The partitions' answers in a body; the batches are slices of {@code body}, not copies.
     *
     * @throws IllegalArgumentException if the framing does not add up
     */
    public static List<PartitionFetch> read(ByteBuffer body) {
        ByteBuffer in = body.slice();
        try {
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / FIXED_PER_PARTITION) {
                throw new IllegalArgumentException("the answer names " + count + " partitions in "
                        + body.remaining() + " bytes");
            }
            List<PartitionFetch> answers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] topic = new byte[in.getShort()];
                in.get(topic);
                TopicPartition partition = new TopicPartition(new String(topic, StandardCharsets.UTF_8), in.getInt());
                int status = in.getShort();
                long highWatermark = in.getLong();
                long logStart = in.getLong();
                long logEnd = in.getLong();
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new IllegalArgumentException("partition " + partition + " has " + length
                            + " bytes, with " + in.remaining() + " left");
                }
                ByteBuffer payload = in.slice(in.position(), length);
                in.position(in.position() + length);
                answers.add(status == 200
                        ? PartitionFetch.of(partition, new FetchedBatches(highWatermark, logStart, logEnd, payload))
                        : PartitionFetch.failed(partition, status, StandardCharsets.UTF_8.decode(payload).toString()));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes follow the last partition");
            }
            return answers;
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("the answer ends inside a field (" + body.remaining() + " bytes)");
        }
    }

    private static ByteBuffer payload(PartitionFetch answer) {
        return answer.isError() ? ByteBuffer.wrap(answer.error().getBytes(StandardCharsets.UTF_8))
                : answer.fetched().batches();
    }
}
